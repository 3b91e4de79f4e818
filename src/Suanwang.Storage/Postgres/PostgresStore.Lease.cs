namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// The lease is a session advisory lock (<c>pg_try_advisory_lock</c>) on a connection of its
    /// own, outside the pool; PostgreSQL drops it when that session ends, however it ends.
    /// </summary>
    public async Task<ISchedulerLease?> TryAcquireSchedulerLeaseAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var connection = await _leaseSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            bool acquired;
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT pg_try_advisory_lock(@key)";
                command.Parameters.AddLong("key", SchedulerLockKey);
                acquired = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            if (acquired)
            {
                return new PostgresSchedulerLease(connection, SchedulerLockKey);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }
}
