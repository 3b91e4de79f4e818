namespace Suanwang.Storage;

/// <summary>A write waiting in a <see cref="GroupCommitQueue{TWrite}"/> for the next commit.</summary>
internal interface IQueuedWrite
{
    /// <summary>Completes the caller's task as cancelled when its token fired before the write was taken; true when it did.</summary>
    bool TryCancel();

    /// <summary>Completes the caller's task with the result, once the transaction holding the write has committed.</summary>
    void Complete();

    /// <summary>Completes the caller's task with the error; the write did not commit.</summary>
    void Fail(Exception error);
}
