using System.Data.Common;
using Microsoft.Data.Sqlite;
using Suanwang.Storage.Health;
using Suanwang.Storage.Sql;

namespace Suanwang.Storage.Sqlite;

/// <summary>
/// The store in one SQLite file: zero setup, for one server process. All writes go through one
/// connection with group commit; reads use a pool of connections that WAL lets run alongside.
/// </summary>
public sealed partial class SqliteStore : SqlStore, IStore
{
    /// <summary>The file name <see cref="InDataFolder"/> uses.</summary>
    public const string FileName = "suanwang.db";

    private const int MaxBatch = 256;

    private readonly SqliteSession _writer;
    private readonly SqliteReadPool _readers;
    private readonly GroupCommitQueue<SqliteWrite> _writes;
    private int _disposed;

    /// <summary>Opens (creating when missing) the database a Microsoft.Data.Sqlite connection string names.</summary>
    public SqliteStore(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("the SQLite store needs a database file, not an in-memory database", nameof(connectionString));
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            throw new ArgumentException("the SQLite store writes; it cannot open the database read-only", nameof(connectionString));
        }

        DatabasePath = Path.GetFullPath(builder.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        builder.DataSource = DatabasePath;
        // The store keeps its own connections (and their prepared statements) for its lifetime;
        // disposing it must really close the file.
        builder.Pooling = false;
        var connectionStringUsed = builder.ToString();

        _writer = SqliteSession.Open(connectionStringUsed);
        _readers = new SqliteReadPool(connectionStringUsed, Math.Max(4, 2 * Environment.ProcessorCount));
        _writes = new GroupCommitQueue<SqliteWrite>(MaxBatch, RunInTransactionAsync, FailsAlone, Health);
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public string Dialect => "sqlite";

    /// <inheritdoc />
    public StoreHealth Health { get; } = new();

    /// <summary>Opens <c>&lt;dataFolder&gt;/suanwang.db</c>, creating the folder and the file when missing.</summary>
    public static SqliteStore InDataFolder(string dataFolder) =>
        new(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, FileName) }.ToString());

    /// <summary>Finishes every queued write, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writes.DisposeAsync().ConfigureAwait(false);
        _readers.Dispose();
        _writer.Dispose();
    }

    private Task<T> WriteAsync<T>(Func<SqliteSession, T> execute, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new SqliteWrite<T>(execute, cancellationToken);
        _writes.Enqueue(write);
        return write.Task;
    }

    private Task<T> ReadAsync<T>(Func<SqliteSession, T> read, CancellationToken cancellationToken) =>
        StoreFailures.TranslatedAsync(_readers.ReadAsync(read, cancellationToken));

    private protected override Task<List<T>> SelectAsync<T>(string sql, SqlParameters parameters, Func<DbDataReader, T> row, CancellationToken cancellationToken) =>
        ReadAsync(session => Rows(session, sql, parameters, row), cancellationToken);

    private protected override Task<List<T>> ChangeAsync<T>(string sql, SqlParameters parameters, Func<DbDataReader, T> row, CancellationToken cancellationToken) =>
        WriteAsync(session => Rows(session, sql, parameters, row), cancellationToken);

    private static List<T> Rows<T>(SqliteSession session, string sql, SqlParameters parameters, Func<DbDataReader, T> row)
    {
        var command = session.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Bind(name, value);
        }

        var rows = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private protected override string DayOf(string column) => $"substr({column}, 1, 10)";

    private protected override object TimeValue(DateTimeOffset at) => SqliteValues.Time(at);

    private protected override DateTimeOffset TimeAt(DbDataReader reader, int ordinal) => SqliteValues.ParseTime(reader.GetString(ordinal));
}
