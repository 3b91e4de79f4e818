using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Sqlite;

/// <summary>Queuing a preempted job again once its stopped run has checkpointed.</summary>
public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task<bool> ResumeAsync(long id, long fence, string message, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var time = SqliteValues.Time(at);
        return WriteAsync(session =>
        {
            var update = session.Command(
                $"UPDATE jobs SET state = '{JobSql.To(JobTrigger.Requeue)}' WHERE id = @id AND fence = @fence AND state IN {JobSql.From(JobTrigger.Requeue)}");
            update.Bind("@id", id);
            update.Bind("@fence", fence);
            if (update.ExecuteNonQuery() != 1)
            {
                return false;
            }

            AddEvent(session, id, time, "requeued", message);
            return true;
        }, cancellationToken);
    }
}
