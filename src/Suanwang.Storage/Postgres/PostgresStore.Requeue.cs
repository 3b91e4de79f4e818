using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Postgres;

/// <summary>Queuing a preempted job again once its stopped run has checkpointed.</summary>
public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public Task<bool> ResumeAsync(long id, long fence, string message, DateTimeOffset at, CancellationToken cancellationToken) => WriteAsync(
        $"WITH job AS (UPDATE jobs SET state = '{JobSql.To(JobTrigger.Requeue)}' WHERE id = @id AND fence = @fence AND state IN {JobSql.From(JobTrigger.Requeue)} RETURNING id)" +
        AddEventFromJob + "SELECT id FROM job",
        p =>
        {
            p.AddLong("id", id);
            p.AddLong("fence", fence);
            p.AddTime("at", at);
            p.AddText("kind", "requeued");
            p.AddText("message", message);
        },
        PostgresValues.AnyRowAsync,
        cancellationToken);
}
