using Npgsql;

namespace Suanwang.Storage.Postgres;

/// <summary>The scheduler lease of a PostgreSQL store: a session advisory lock on a dedicated connection.</summary>
internal sealed class PostgresSchedulerLease : ISchedulerLease
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;
    // The connection runs one command at a time.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _lost;
    private bool _disposed;

    /// <summary>Holds the lock <paramref name="key"/> that <paramref name="connection"/>'s session took.</summary>
    public PostgresSchedulerLease(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>Asks the server whether this session still holds the lock; any failure to answer means lost.</summary>
    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_disposed || _lost)
            {
                return false;
            }

            var command = _connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                // pg_locks shows a bigint key as its high half in classid and low half in objid.
                command.CommandText =
                    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted " +
                    "AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = @key)";
                command.Parameters.AddLong("key", _key);
                var held = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                _lost = !held;
                return held;
            }
        }
        catch (Exception error) when (error is NpgsqlException or InvalidOperationException or IOException)
        {
            // A lease that cannot be confirmed is lost for good: the session may have ended, and
            // with it the lock, which another process may hold by now.
            _lost = true;
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Unlocks and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (!_lost)
            {
                try
                {
                    var command = _connection.CreateCommand();
                    await using (command.ConfigureAwait(false))
                    {
                        command.CommandText = "SELECT pg_advisory_unlock(@key)";
                        command.Parameters.AddLong("key", _key);
                        await command.ExecuteScalarAsync().ConfigureAwait(false);
                    }
                }
                catch (Exception error) when (error is NpgsqlException or InvalidOperationException or IOException)
                {
                    // Closing the connection ends the session, and the lock with it.
                }
            }

            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
