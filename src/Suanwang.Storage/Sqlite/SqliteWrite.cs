namespace Suanwang.Storage.Sqlite;

/// <summary>A write run by the store's one writer connection inside a group-commit transaction.</summary>
internal abstract class SqliteWrite : IQueuedWrite
{
    /// <summary>Runs the write's statements; may run again (alone) when another write of its batch failed.</summary>
    public abstract void Execute(SqliteSession session);

    /// <inheritdoc />
    public abstract bool TryCancel();

    /// <inheritdoc />
    public abstract void Complete();

    /// <inheritdoc />
    public abstract void Fail(Exception error);
}
