using Npgsql;
using Suanwang.Storage.Logs;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public Task<bool> AppendLogAsync(long jobId, long fence, long offset, string text, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentNullException.ThrowIfNull(text);
        // FOR SHARE: a placement changing the fence concurrently waits for this insert or
        // makes it see the new fence; it cannot slip between the check and the insert.
        return WriteAsync(
            "WITH job AS (SELECT id FROM jobs WHERE id = @job AND fence = @fence FOR SHARE), " +
            "chunk AS (INSERT INTO job_logs (job_id, byte_offset, text) SELECT id, @offset, @text FROM job ON CONFLICT DO NOTHING) SELECT id FROM job",
            p =>
            {
                p.AddLong("job", jobId);
                p.AddLong("fence", fence);
                p.AddLong("offset", offset);
                p.AddText("text", text);
            },
            PostgresValues.AnyRowAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> LogEndAsync(long jobId, CancellationToken cancellationToken) => ReadAsync(
        "SELECT COALESCE(MAX(byte_offset + octet_length(text)), 0) FROM job_logs WHERE job_id = @job",
        p => p.AddLong("job", jobId),
        async (reader, token) => await reader.ReadAsync(token).ConfigureAwait(false) ? reader.GetInt64(0) : 0L,
        cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LogChunk>> ReadLogAsync(long jobId, long fromOffset, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        // The running sum stops the server sending a long log's tail that the page will not hold.
        return ReadAsync(
            "SELECT byte_offset, text FROM (SELECT byte_offset, text, sum(octet_length(text)) OVER (ORDER BY byte_offset) - octet_length(text) AS before " +
            "FROM job_logs WHERE job_id = @job AND byte_offset >= @from) AS chunks WHERE before < @max ORDER BY byte_offset",
            p =>
            {
                p.AddLong("job", jobId);
                p.AddLong("from", fromOffset);
                p.AddLong("max", maxBytes);
            },
            (reader, ct) => ReadChunksAsync(reader, jobId, maxBytes, ct),
            cancellationToken);
    }

    private static async Task<IReadOnlyList<LogChunk>> ReadChunksAsync(NpgsqlDataReader reader, long jobId, int maxBytes, CancellationToken cancellationToken)
    {
        var page = new LogPage(jobId, maxBytes);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && page.TryAdd(reader.GetInt64(0), reader.GetString(1)))
        {
        }

        return page.Chunks;
    }
}
