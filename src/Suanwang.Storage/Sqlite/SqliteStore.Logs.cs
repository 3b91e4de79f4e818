using Suanwang.Storage.Logs;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task<bool> AppendLogAsync(long jobId, long fence, long offset, string text, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentNullException.ThrowIfNull(text);
        return WriteAsync(session =>
        {
            // Checked in the same transaction as the insert, so a placement cannot slip between.
            var current = session.Command("SELECT fence FROM jobs WHERE id = @job");
            current.Bind("@job", jobId);
            if (current.ExecuteScalar() is not long stored || stored != fence)
            {
                return false;
            }

            var insert = session.Command("INSERT INTO job_logs (job_id, byte_offset, text) VALUES (@job, @offset, @text) ON CONFLICT DO NOTHING");
            insert.Bind("@job", jobId);
            insert.Bind("@offset", offset);
            insert.Bind("@text", text);
            insert.ExecuteNonQuery();
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> LogEndAsync(long jobId, CancellationToken cancellationToken) => ReadAsync(session =>
    {
        var select = session.Command("SELECT COALESCE(MAX(byte_offset + length(CAST(text AS BLOB))), 0) FROM job_logs WHERE job_id = @job");
        select.Bind("@job", jobId);
        return select.ExecuteScalar() is long end ? end : 0L;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LogChunk>> ReadLogAsync(long jobId, long fromOffset, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return ReadAsync<IReadOnlyList<LogChunk>>(session =>
        {
            var select = session.Command("SELECT byte_offset, text FROM job_logs WHERE job_id = @job AND byte_offset >= @from ORDER BY byte_offset");
            select.Bind("@job", jobId);
            select.Bind("@from", fromOffset);
            var page = new LogPage(jobId, maxBytes);
            using var reader = select.ExecuteReader();
            while (reader.Read() && page.TryAdd(reader.GetInt64(0), reader.GetString(1)))
            {
            }

            return page.Chunks;
        }, cancellationToken);
    }
}
