using System.Globalization;
using System.Text;
using Suanwang.Core.Audit;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    // Cards a placed job holds: its nodes (a JSON array) times cards per node.
    private const string CardsOfJob = "cards_per_node * json_array_length(nodes)";

    /// <inheritdoc />
    public Task<JobRecord> SubmitAsync(NewJob job, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var time = SqliteValues.Time(at);
        return WriteAsync(session => JobRows.Submitted(job, InsertJob(session, job, time), at), cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobRecord?> GetJobAsync(long id, CancellationToken cancellationToken) => ReadAsync(session =>
    {
        var select = session.Command($"SELECT {JobSql.Columns} FROM jobs WHERE id = @id");
        select.Bind("@id", id);
        using var reader = select.ExecuteReader();
        return reader.Read() ? SqliteValues.ReadJob(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JobRecord>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000, nameof(query));
        // Only the filters given go into the SQL, so each combination gets a plan that uses its index.
        var sql = new StringBuilder($"SELECT {JobSql.Columns} FROM jobs WHERE 1 = 1");
        if (query.Tenant is not null)
        {
            sql.Append(" AND tenant = @tenant");
        }

        if (query.State is not null)
        {
            sql.Append(" AND state = @state");
        }

        if (query.Site is not null)
        {
            sql.Append(" AND site = @site");
        }

        if (query.BeforeId is not null)
        {
            sql.Append(" AND id < @before");
        }

        sql.Append(" ORDER BY id DESC LIMIT @limit");
        var text = sql.ToString();
        return ReadAsync<IReadOnlyList<JobRecord>>(session =>
        {
            var select = session.Command(text);
            if (query.Tenant is not null)
            {
                select.Bind("@tenant", query.Tenant);
            }

            if (query.State is { } state)
            {
                select.Bind("@state", JobStates.Name(state));
            }

            if (query.Site is not null)
            {
                select.Bind("@site", query.Site);
            }

            if (query.BeforeId is { } before)
            {
                select.Bind("@before", before);
            }

            select.Bind("@limit", query.Limit);
            return SqliteValues.ReadJobs(select);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobRecord>> ListActiveJobsAsync(long documentsAfter, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<JobRecord>>(
            session =>
            {
                var select = session.Command($"SELECT {JobSql.ColumnsWithDocumentsAfter} FROM jobs WHERE state IN {JobSql.Active} ORDER BY id");
                select.Bind("@after", documentsAfter);
                return SqliteValues.ReadJobs(select);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> PlaceAsync(Placement placement, long expectedFence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(placement);
        placement.Check();
        var time = SqliteValues.Time(at);
        return WriteAsync(session =>
        {
            // Writes are serial: a counter read here cannot move before the inserts below.
            if (!CounterHolds(session, placement))
            {
                return false;
            }

            var update = session.Command(
                $"UPDATE jobs SET state = '{JobSql.To(JobTrigger.Place)}', site = @site, pool = @pool, nodes = @nodes, cards_per_node = @cards, devices = @devices, " +
                "price = @price, price_currency = @currency, spot = @spot, fence = fence + 1, started_at = NULL, reason = NULL " +
                $"WHERE id = @id AND fence = @fence AND state IN {JobSql.From(JobTrigger.Place)} RETURNING tenant");
            update.Bind("@site", placement.Site);
            update.Bind("@pool", placement.Pool);
            update.Bind("@nodes", IndexLists.Write(placement.Nodes));
            update.Bind("@cards", placement.CardsPerNode);
            update.Bind("@devices", IndexLists.Write(placement.Devices));
            update.Bind("@price", MarketRows.PriceText(placement.Price));
            update.Bind("@currency", placement.Currency);
            update.Bind("@spot", placement.Spot ? 1 : 0);
            update.Bind("@id", placement.JobId);
            update.Bind("@fence", expectedFence);
            if (update.ExecuteScalar() is not string tenant)
            {
                return false;
            }

            AddEvent(session, placement.JobId, time, "placed", JobMessages.Placed(placement));
            InsertAuditEntry(session, AuditKinds.Placement, tenant, AuditLeaf.Placement(placement.JobId, placement.Site, at).Fill(AuditLeaf.Quote(tenant)));
            InsertExports(session, placement);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RecordDevicesAsync(long id, long fence, IReadOnlyList<int> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return WriteAsync(session =>
        {
            var update = session.Command($"UPDATE jobs SET devices = @devices WHERE id = @id AND fence = @fence AND state IN {JobSql.Holding} AND devices IS NULL");
            update.Bind("@devices", IndexLists.Write(devices));
            update.Bind("@id", id);
            update.Bind("@fence", fence);
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> MarkRunningAsync(long id, long fence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var time = SqliteValues.Time(at);
        return WriteAsync(session =>
        {
            var update = session.Command(
                $"UPDATE jobs SET state = '{JobSql.To(JobTrigger.Start)}', started_at = @at WHERE id = @id AND fence = @fence AND state IN {JobSql.From(JobTrigger.Start)} RETURNING site");
            update.Bind("@at", time);
            update.Bind("@id", id);
            update.Bind("@fence", fence);
            if (update.ExecuteScalar() is not string site)
            {
                return false;
            }

            AddEvent(session, id, time, "started", JobMessages.Started(site));
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> FinishAsync(long id, long fence, JobState state, int? exitCode, double acceleratorSeconds, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        JobMessages.CheckFinish(state, acceleratorSeconds);
        var trigger = JobLifecycle.FinishTrigger(state);
        var time = SqliteValues.Time(at);
        return WriteAsync(session =>
        {
            // The usage row goes first, while the job still holds its placement; the fence and state
            // in its WHERE are the compare-and-set, so a repeated report meters nothing.
            if (!InsertUsage(session, id, fence, acceleratorSeconds, time, JobStates.Name(state)))
            {
                return false;
            }

            var update = session.Command(
                "UPDATE jobs SET state = @state, exit_code = @exit, accelerator_seconds = accelerator_seconds + @seconds, reason = @reason, ended_at = @at " +
                $"WHERE id = @id AND fence = @fence AND state IN {JobSql.From(trigger)}");
            update.Bind("@state", JobSql.To(trigger));
            update.Bind("@exit", exitCode);
            update.Bind("@seconds", acceleratorSeconds);
            update.Bind("@reason", reason);
            update.Bind("@at", time);
            update.Bind("@id", id);
            update.Bind("@fence", fence);
            update.ExecuteNonQuery();
            var (kind, message) = JobMessages.Finished(state, exitCode, reason);
            AddEvent(session, id, time, kind, message);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RequeueAsync(long id, long fence, double acceleratorSeconds, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(acceleratorSeconds);
        var time = SqliteValues.Time(at);
        return WriteAsync(session =>
        {
            if (!InsertUsage(session, id, fence, acceleratorSeconds, time, UsageOutcomes.Preempted))
            {
                return false;
            }

            var update = session.Command(
                $"UPDATE jobs SET state = '{JobSql.To(JobTrigger.Preempt)}', site = NULL, pool = NULL, nodes = NULL, cards_per_node = 0, devices = NULL, started_at = NULL, " +
                $"accelerator_seconds = accelerator_seconds + @seconds, reason = @reason WHERE id = @id AND fence = @fence AND state IN {JobSql.From(JobTrigger.Preempt)}");
            update.Bind("@seconds", acceleratorSeconds);
            update.Bind("@reason", reason);
            update.Bind("@id", id);
            update.Bind("@fence", fence);
            update.ExecuteNonQuery();
            AddEvent(session, id, time, "preempted", reason);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobRecord?> CancelAsync(long id, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var time = SqliteValues.Time(at);
        var ended = StoredTime.Truncate(at);
        return WriteAsync(session =>
        {
            var before = session.Command($"SELECT state, fence, started_at, {CardsOfJob} FROM jobs WHERE id = @id");
            before.Bind("@id", id);
            string? state;
            long fence;
            double seconds;
            using (var reader = before.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return null;
                }

                state = reader.GetString(0);
                fence = reader.GetInt64(1);
                // A run cancelled before it started used nothing; one cancelled while running is
                // metered up to now, as it holds its cards until then.
                seconds = reader.IsDBNull(2) || reader.IsDBNull(3)
                    ? 0
                    : reader.GetInt64(3) * Math.Max(0, (ended - SqliteValues.ParseTime(reader.GetString(2))).TotalSeconds);
            }

            if (JobStates.Parse(state) is { } now && JobLifecycle.Holding.Contains(now))
            {
                InsertUsage(session, id, fence, seconds, time, UsageOutcomes.Cancelled);
            }

            // The placement stays: the server needs it to tell the site's agent to stop the run.
            var update = session.Command(
                $"UPDATE jobs SET state = '{JobSql.To(JobTrigger.Cancel)}', reason = @reason, ended_at = @at WHERE id = @id AND state IN {JobSql.From(JobTrigger.Cancel)} RETURNING {JobSql.Columns}");
            update.Bind("@reason", reason);
            update.Bind("@at", time);
            update.Bind("@id", id);
            JobRecord? job;
            using (var reader = update.ExecuteReader())
            {
                job = reader.Read() ? SqliteValues.ReadJob(reader) : null;
            }

            if (job is not null)
            {
                AddEvent(session, id, time, "cancelled", reason);
            }

            return job;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task AppendEventAsync(long jobId, string kind, string message, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var time = SqliteValues.Time(at);
        var added = await WriteAsync(session =>
        {
            var insert = session.Command(
                "INSERT INTO job_events (job_id, at, kind, message) SELECT @job, @at, @kind, @message WHERE EXISTS (SELECT 1 FROM jobs WHERE id = @job)");
            insert.Bind("@job", jobId);
            insert.Bind("@at", time);
            insert.Bind("@kind", kind);
            insert.Bind("@message", message);
            return insert.ExecuteNonQuery() == 1;
        }, cancellationToken).ConfigureAwait(false);
        if (!added)
        {
            throw new KeyNotFoundException(string.Create(CultureInfo.InvariantCulture, $"job {jobId} does not exist"));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobEvent>> ListEventsAsync(long jobId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<JobEvent>>(session =>
        {
            var select = session.Command("SELECT id, job_id, at, kind, message FROM job_events WHERE job_id = @job ORDER BY id");
            select.Bind("@job", jobId);
            var events = new List<JobEvent>();
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                events.Add(new JobEvent(reader.GetInt64(0), reader.GetInt64(1), SqliteValues.ParseTime(reader.GetString(2)), reader.GetString(3), reader.GetString(4)));
            }

            return events;
        }, cancellationToken);

    // Inserts the job and its "submitted" event; returns the job's id.
    private static long InsertJob(SqliteSession session, NewJob job, string time)
    {
        var insert = session.Command(
            $"INSERT INTO jobs (tenant, name, document, spec, state, priority, submitted_at, pinned_site) VALUES (@tenant, @name, @document, @spec, '{JobSql.Initial}', @priority, @at, @pinned) RETURNING id");
        insert.Bind("@tenant", job.Tenant);
        insert.Bind("@name", job.Name);
        insert.Bind("@document", job.Document);
        insert.Bind("@spec", job.SpecText);
        insert.Bind("@priority", job.Priority);
        insert.Bind("@at", time);
        insert.Bind("@pinned", job.PinnedSite);
        var id = (long)insert.ExecuteScalar()!;
        AddEvent(session, id, time, "submitted", JobMessages.Submitted(job.Tenant));
        return id;
    }

    // Meters the run the job holds under this fence, copying where it ran and its price from the
    // job row; false when the job is not placed or running under this fence.
    private static bool InsertUsage(SqliteSession session, long id, long fence, double acceleratorSeconds, string time, string outcome)
    {
        var insert = session.Command(
            "INSERT INTO usage (job_id, fence, tenant, site, pool, cards, accelerator_seconds, price, price_currency, spot, started_at, ended_at, outcome) " +
            $"SELECT id, fence, tenant, site, pool, {CardsOfJob}, @seconds, price, price_currency, spot, started_at, @at, @outcome " +
            $"FROM jobs WHERE id = @id AND fence = @fence AND state IN {JobSql.Holding}");
        insert.Bind("@seconds", acceleratorSeconds);
        insert.Bind("@at", time);
        insert.Bind("@outcome", outcome);
        insert.Bind("@id", id);
        insert.Bind("@fence", fence);
        return insert.ExecuteNonQuery() == 1;
    }

    private static void AddEvent(SqliteSession session, long jobId, string time, string kind, string message)
    {
        var insert = session.Command("INSERT INTO job_events (job_id, at, kind, message) VALUES (@job, @at, @kind, @message)");
        insert.Bind("@job", jobId);
        insert.Bind("@at", time);
        insert.Bind("@kind", kind);
        insert.Bind("@message", message);
        insert.ExecuteNonQuery();
    }
}
