namespace Suanwang.Storage.Logs;

/// <summary>Job output, appended by agents in chunks and read back by users.</summary>
public interface ILogStore
{
    /// <summary>
    /// Appends a chunk at <paramref name="offset"/> if the job's fence is still <paramref name="fence"/>;
    /// a chunk already stored at that offset is ignored (agents retry). False when the fence is stale.
    /// </summary>
    Task<bool> AppendLogAsync(long jobId, long fence, long offset, string text, CancellationToken cancellationToken);

    /// <summary>
    /// Where the job's stored output ends, in bytes as stored (at least the end of every chunk): a
    /// later run of the job writes after it, so each run's output follows the one before.
    /// </summary>
    Task<long> LogEndAsync(long jobId, CancellationToken cancellationToken);

    /// <summary>Chunks from <paramref name="fromOffset"/> on, in order, up to about <paramref name="maxBytes"/>.</summary>
    Task<IReadOnlyList<LogChunk>> ReadLogAsync(long jobId, long fromOffset, int maxBytes, CancellationToken cancellationToken);
}
