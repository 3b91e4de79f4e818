namespace Suanwang.Storage.Sqlite;

/// <summary>A write with a result for its caller.</summary>
/// <typeparam name="T">The result.</typeparam>
internal sealed class SqliteWrite<T> : SqliteWrite
{
    // Continuations run on the pool, not on the writer loop, which has the next batch to take.
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<SqliteSession, T> _execute;
    private readonly CancellationToken _cancellationToken;
    private T _result = default!;

    /// <summary>A write that runs <paramref name="execute"/>.</summary>
    public SqliteWrite(Func<SqliteSession, T> execute, CancellationToken cancellationToken)
    {
        _execute = execute;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Completes after the commit.</summary>
    public Task<T> Task => _done.Task;

    /// <inheritdoc />
    public override void Execute(SqliteSession session) => _result = _execute(session);

    /// <inheritdoc />
    public override bool TryCancel() => _cancellationToken.IsCancellationRequested && _done.TrySetCanceled(_cancellationToken);

    /// <inheritdoc />
    public override void Complete() => _done.TrySetResult(_result);

    /// <inheritdoc />
    public override void Fail(Exception error) => _done.TrySetException(error);
}
