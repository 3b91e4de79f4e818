using Npgsql;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string DeadlockDetected = "40P01";
    private const string SerializationFailure = "40001";
    private const int MaxAttempts = 5;

    // A lost connection, a timeout or a server shutting down fails every write the same way:
    // retrying them one by one would only make each caller wait for the same error again.
    private static bool FailsAlone(Exception error) => error switch
    {
        PostgresException server => !server.IsTransient && !server.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException => false,
        _ => true,
    };

    // A deadlock or serialization failure is PostgreSQL choosing this transaction to roll back
    // so another (of another process sharing the database) can go on: nothing of it was written,
    // so it runs again. Writes of one process never deadlock each other: one loop runs them.
    private async Task RunWithRetriesAsync(IReadOnlyList<PostgresWrite> writes)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunInTransactionAsync(writes).ConfigureAwait(false);
                return;
            }
            catch (PostgresException error) when (attempt < MaxAttempts && error.SqlState is DeadlockDetected or SerializationFailure)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt)).ConfigureAwait(false);
            }
        }
    }

    private async Task RunInTransactionAsync(IReadOnlyList<PostgresWrite> writes)
    {
        // Writes are not cancelled once taken: a caller told "cancelled" must find nothing written.
        var cancellationToken = CancellationToken.None;
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var batch = new NpgsqlBatch(connection, transaction);
                await using (batch.ConfigureAwait(false))
                {
                    var locks = new bool[writes.Count];
                    for (var i = 0; i < writes.Count; i++)
                    {
                        if (writes[i].CreateLockCommand() is { } lockCommand)
                        {
                            batch.BatchCommands.Add(lockCommand);
                            locks[i] = true;
                        }

                        batch.BatchCommands.Add(writes[i].CreateCommand());
                    }

                    var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        var first = true;
                        for (var i = 0; i < writes.Count; i++)
                        {
                            // A lock's result set comes before its write's and is skipped.
                            for (var sets = locks[i] ? 2 : 1; sets > 0; sets--)
                            {
                                if (!first && !await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                                {
                                    throw new InvalidOperationException("a write of the batch returned no result set");
                                }

                                first = false;
                            }

                            await writes[i].ReadAsync(reader, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
