using Npgsql;

namespace Suanwang.Storage.Postgres;

/// <summary>
/// A write as one SQL statement (data-modifying CTEs carry the event with the state change), so
/// a whole group commit goes to the server as one batch in one round trip.
/// </summary>
internal abstract class PostgresWrite : IQueuedWrite
{
    /// <summary>A fresh command for the batch; called again when the write is retried alone.</summary>
    public abstract NpgsqlBatchCommand CreateCommand();

    /// <summary>
    /// A statement to run just before the write's own, in the same transaction, whose result is
    /// skipped: a transaction-scoped lock, so that the write's statement, which takes its snapshot
    /// when it starts, sees what the lock's previous holder committed. Null for none.
    /// </summary>
    public virtual NpgsqlBatchCommand? CreateLockCommand() => null;

    /// <summary>Reads the statement's result set, where the reader stands now.</summary>
    public abstract Task ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract bool TryCancel();

    /// <inheritdoc />
    public abstract void Complete();

    /// <inheritdoc />
    public abstract void Fail(Exception error);
}
