using Npgsql;

namespace Suanwang.Storage.Postgres;

/// <summary>A write with a result for its caller.</summary>
/// <typeparam name="T">The result.</typeparam>
internal sealed class PostgresWrite<T> : PostgresWrite
{
    // Continuations run on the pool, not on the writer loop, which has the next batch to take.
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _sql;
    private readonly Action<NpgsqlParameterCollection> _bind;
    private readonly Func<NpgsqlDataReader, CancellationToken, Task<T>> _read;
    private readonly CancellationToken _cancellationToken;
    private readonly (string Sql, Action<NpgsqlParameterCollection> Bind)? _lock;
    private T _result = default!;

    /// <summary>A write of <paramref name="sql"/> with the parameters <paramref name="bind"/> adds.</summary>
    public PostgresWrite(
        string sql,
        Action<NpgsqlParameterCollection> bind,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken,
        (string Sql, Action<NpgsqlParameterCollection> Bind)? lockFirst = null)
    {
        _lock = lockFirst;
        _sql = sql;
        _bind = bind;
        _read = read;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Completes after the commit.</summary>
    public Task<T> Task => _done.Task;

    /// <inheritdoc />
    public override NpgsqlBatchCommand CreateCommand()
    {
        var command = new NpgsqlBatchCommand(_sql);
        _bind(command.Parameters);
        return command;
    }

    /// <inheritdoc />
    public override NpgsqlBatchCommand? CreateLockCommand()
    {
        if (_lock is not { } first)
        {
            return null;
        }

        var command = new NpgsqlBatchCommand(first.Sql);
        first.Bind(command.Parameters);
        return command;
    }

    /// <inheritdoc />
    public override async Task ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        _result = await _read(reader, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override bool TryCancel() => _cancellationToken.IsCancellationRequested && _done.TrySetCanceled(_cancellationToken);

    /// <inheritdoc />
    public override void Complete() => _done.TrySetResult(_result);

    /// <inheritdoc />
    public override void Fail(Exception error) => _done.TrySetException(error);
}
