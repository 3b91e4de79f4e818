using Microsoft.Data.Sqlite;

namespace Suanwang.Storage.Sqlite;

/// <summary>
/// One open connection with its prepared commands kept for reuse (preparing costs more than
/// running a small statement). Used by one caller at a time.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    private SqliteSession(SqliteConnection connection)
    {
        Connection = connection;
    }

    /// <summary>The connection.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The open transaction, if any.</summary>
    public SqliteTransaction? Transaction => _transaction;

    /// <summary>Opens a connection and sets the pragmas every connection of the store needs.</summary>
    public static SqliteSession Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using (var journal = connection.CreateCommand())
            {
                // WAL: readers never block the writer nor the writer readers, and a commit is one
                // append to the log rather than a rewrite of the pages.
                journal.CommandText = "PRAGMA journal_mode = WAL";
                var mode = journal.ExecuteScalar() as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"SQLite database '{connection.DataSource}' cannot use write-ahead logging (journal mode is {mode})");
                }
            }

            using var pragmas = connection.CreateCommand();
            // synchronous = FULL: the log is fsynced at every commit, so an accepted job survives
            // power loss, not only kill -9 (NORMAL would survive kill -9 but may lose the last
            // commits on power loss). Group commit keeps the cost to one fsync per batch.
            // busy_timeout: another process holding the write lock is waited for, not an error.
            pragmas.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
            pragmas.ExecuteNonQuery();
            return new SqliteSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The cached command for this SQL, parameters cleared and enlisted in the open transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
#pragma warning disable CA2100 // Callers pass constant SQL text; values always go in parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        command.Transaction = _transaction;
        return command;
    }

    /// <summary>Runs SQL text that is not worth keeping prepared (a migration) in the open transaction.</summary>
    public void ExecuteOnce(string sql)
    {
        using var command = Connection.CreateCommand();
#pragma warning disable CA2100 // Migration text embedded in this assembly.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = _transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>Starts a write transaction, taking the database's write lock at once (BEGIN IMMEDIATE).</summary>
    public void Begin() => _transaction = Connection.BeginTransaction(deferred: false);

    /// <summary>Starts a read transaction (BEGIN DEFERRED): every statement until <see cref="Rollback"/> reads one snapshot.</summary>
    public void BeginRead() => _transaction = Connection.BeginTransaction(deferred: true);

    /// <summary>Commits the open transaction.</summary>
    public void Commit()
    {
        var transaction = _transaction ?? throw new InvalidOperationException("no transaction is open");
        transaction.Commit();
        transaction.Dispose();
        _transaction = null;
    }

    /// <summary>Rolls the open transaction back, if SQLite has not already done so.</summary>
    public void Rollback()
    {
        var transaction = _transaction;
        _transaction = null;
        if (transaction is null)
        {
            return;
        }

        try
        {
            transaction.Rollback();
        }
        catch (SqliteException)
        {
            // After some errors (a full disk, say) SQLite has rolled back already.
        }
        finally
        {
            transaction.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Rollback();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}
