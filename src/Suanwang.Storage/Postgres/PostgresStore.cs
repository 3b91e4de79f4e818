using System.Data.Common;
using Npgsql;
using Suanwang.Storage.Health;
using Suanwang.Storage.Sql;

namespace Suanwang.Storage.Postgres;

/// <summary>
/// The store in PostgreSQL, for production and for several server processes sharing one
/// database. Writes are group-committed: everything pending goes as one batch in one transaction.
/// </summary>
public sealed partial class PostgresStore : SqlStore, IStore
{
    private const int MaxBatch = 256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _leaseSource;
    private readonly GroupCommitQueue<PostgresWrite> _writes;
    private int _disposed;

    /// <summary>A store over the database an Npgsql connection string names; connects on first use.</summary>
    public PostgresStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            // The same few statements run all day: prepared once per connection, they skip parsing and planning.
            builder.MaxAutoPrepare = 64;
        }

        _dataSource = NpgsqlDataSource.Create(builder);
        // The lease's session must end when the lease does, not go back to a pool still locked.
        _leaseSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false, MaxAutoPrepare = 0 });
        _writes = new GroupCommitQueue<PostgresWrite>(MaxBatch, RunWithRetriesAsync, FailsAlone, Health);
    }

    /// <inheritdoc />
    public string Dialect => "postgres";

    /// <inheritdoc />
    public StoreHealth Health { get; } = new();

    /// <summary>Finishes every queued write, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writes.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await _leaseSource.DisposeAsync().ConfigureAwait(false);
    }

    private Task<T> WriteAsync<T>(
        string sql,
        Action<NpgsqlParameterCollection> bind,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken,
        (string Sql, Action<NpgsqlParameterCollection> Bind)? lockFirst = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PostgresWrite<T>(sql, bind, read, cancellationToken, lockFirst);
        _writes.Enqueue(write);
        return write.Task;
    }

    private Task<T> ReadAsync<T>(string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        StoreFailures.TranslatedAsync(ReadOnceAsync(sql, bind, read, cancellationToken));

    private async Task<T> ReadOnceAsync<T>(string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Callers pass constant SQL text; values always go in parameters.
        var command = _dataSource.CreateCommand(sql);
#pragma warning restore CA2100
        await using (command.ConfigureAwait(false))
        {
            bind(command.Parameters);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await read(reader, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void NoParameters(NpgsqlParameterCollection parameters)
    {
    }

    private protected override Task<List<T>> SelectAsync<T>(string sql, SqlParameters parameters, Func<DbDataReader, T> row, CancellationToken cancellationToken) =>
        ReadAsync(sql, p => Bind(p, parameters), (reader, ct) => RowsAsync(reader, row, ct), cancellationToken);

    private protected override Task<List<T>> ChangeAsync<T>(string sql, SqlParameters parameters, Func<DbDataReader, T> row, CancellationToken cancellationToken) =>
        WriteAsync(sql, p => Bind(p, parameters), (reader, ct) => RowsAsync(reader, row, ct), cancellationToken);

    private static void Bind(NpgsqlParameterCollection target, SqlParameters parameters)
    {
        foreach (var (name, value) in parameters)
        {
            target.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        }
    }

    private static async Task<List<T>> RowsAsync<T>(NpgsqlDataReader reader, Func<DbDataReader, T> row, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    // PostgreSQL takes only UTC for timestamptz.
    private protected override string DayOf(string column) => $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')";

    private protected override object TimeValue(DateTimeOffset at) => at.ToUniversalTime();

    private protected override DateTimeOffset TimeAt(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
