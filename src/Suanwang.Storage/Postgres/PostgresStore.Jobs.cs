using System.Globalization;
using System.Text;
using Npgsql;
using Suanwang.Core.Audit;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    // Each state change is one statement: the CTE "job" changes the row, "event" records it, and
    // both commit together or not at all.
    private const string AddEventFromJob = ", event AS (INSERT INTO job_events (job_id, at, kind, message) SELECT id, @at, @kind, @message FROM job) ";

    // A new job: the columns and their values, bound by BindJob.
    private const string InsertJobColumns = "INSERT INTO jobs (tenant, name, document, spec, state, priority, submitted_at, pinned_site)";
    private static readonly string JobValues = $"@tenant, @name, @document, @spec, '{JobSql.Initial}', @priority, @at, @pinned";

    // What a usage row copies from the job row.
    private const string UsageSource = "id, fence, tenant, site, pool, nodes, cards_per_node, price, price_currency, spot, started_at";

    // Cards a placed job holds, of the row "old": its nodes times cards per node.
    private const string CardsOfOld = "old.cards_per_node * cardinality(old.nodes)";

    // The usage row of the run, from "job" (the changed row, returning UsageSource), at @at with @seconds and @outcome.
    private const string MeterFromJob =
        ", metered AS (INSERT INTO usage (job_id, fence, tenant, site, pool, cards, accelerator_seconds, price, price_currency, spot, started_at, ended_at, outcome) " +
        "SELECT id, fence, tenant, site, pool, cards_per_node * cardinality(nodes), @seconds, price, price_currency, spot, started_at, @at, @outcome FROM job) ";

    // The job columns of the row an UPDATE ... FROM changed, where "id" alone would be ambiguous.
    private const string QualifiedJobColumns =
        "jobs.id, jobs.tenant, jobs.name, jobs.document, jobs.spec, jobs.state, jobs.priority, jobs.site, jobs.pool, jobs.nodes, jobs.cards_per_node, jobs.devices, jobs.fence, " +
        "jobs.submitted_at, jobs.started_at, jobs.ended_at, jobs.exit_code, jobs.accelerator_seconds, jobs.reason, jobs.pinned_site";

    /// <inheritdoc />
    public async Task<JobRecord> SubmitAsync(NewJob job, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var id = await WriteAsync(
            "WITH job AS (" + InsertJobColumns + " VALUES (" + JobValues + ") RETURNING id)" + AddEventFromJob + "SELECT id FROM job",
            p =>
            {
                BindJob(p, job);
                p.AddTime("at", at);
                p.AddText("kind", "submitted");
                p.AddText("message", JobMessages.Submitted(job.Tenant));
            },
            async (reader, ct) =>
            {
                await reader.ReadAsync(ct).ConfigureAwait(false);
                return reader.GetInt64(0);
            },
            cancellationToken).ConfigureAwait(false);
        return JobRows.Submitted(job, id, at);
    }

    /// <inheritdoc />
    public Task<JobRecord?> GetJobAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {JobSql.Columns} FROM jobs WHERE id = @id", p => p.AddLong("id", id), PostgresValues.ReadJobOrNullAsync, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JobRecord>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000, nameof(query));
        // Only the filters given go into the SQL, so each combination gets a plan that uses its index.
        var sql = new StringBuilder($"SELECT {JobSql.Columns} FROM jobs WHERE true");
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
        return ReadAsync(
            sql.ToString(),
            p =>
            {
                if (query.Tenant is not null)
                {
                    p.AddText("tenant", query.Tenant);
                }

                if (query.State is { } state)
                {
                    p.AddText("state", JobStates.Name(state));
                }

                if (query.Site is not null)
                {
                    p.AddText("site", query.Site);
                }

                if (query.BeforeId is { } before)
                {
                    p.AddLong("before", before);
                }

                p.AddInt("limit", query.Limit);
            },
            PostgresValues.ReadJobsAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobRecord>> ListActiveJobsAsync(long documentsAfter, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {JobSql.ColumnsWithDocumentsAfter} FROM jobs WHERE state IN {JobSql.Active} ORDER BY id", p => p.AddLong("after", documentsAfter), PostgresValues.ReadJobsAsync, cancellationToken);

    /// <inheritdoc />
    public Task<bool> PlaceAsync(Placement placement, long expectedFence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(placement);
        placement.Check();
        var exports = placement.Exports.Count > 0;
        return WriteAsync(
            (exports ? ExportGuard : "WITH ") +
            $"job AS (UPDATE jobs SET state = '{JobSql.To(JobTrigger.Place)}', site = @site, pool = @pool, nodes = @nodes, cards_per_node = @cards, devices = @devices, " +
            "price = @price, price_currency = @currency, spot = @spot, fence = fence + 1, started_at = NULL, reason = NULL " +
            $"WHERE id = @id AND fence = @fence AND state IN {JobSql.From(JobTrigger.Place)}{(exports ? " AND EXISTS (SELECT 1 FROM guard)" : "")} RETURNING id, tenant)" + AddEventFromJob +
            // The placement's audit entry, committed with it: the leaf's text around the job's tenant.
            ", audit AS (INSERT INTO audit_entries (kind, tenant, body) SELECT @audit_kind, tenant, convert_to(@audit_head || to_json(tenant)::text || @audit_tail, 'UTF8') FROM job) " +
            (exports ? ExportsFromJob : "") +
            "SELECT id FROM job",
            p =>
            {
                BindExports(p, placement);
                p.AddText("site", placement.Site);
                p.AddInt("pool", placement.Pool);
                p.AddIntArray("nodes", placement.Nodes);
                p.AddInt("cards", placement.CardsPerNode);
                p.AddIntArray("devices", placement.Devices);
                p.AddText("price", MarketRows.PriceText(placement.Price));
                p.AddText("currency", placement.Currency);
                p.AddBool("spot", placement.Spot);
                p.AddLong("id", placement.JobId);
                p.AddLong("fence", expectedFence);
                p.AddTime("at", at);
                p.AddText("kind", "placed");
                p.AddText("message", JobMessages.Placed(placement));
                var leaf = AuditLeaf.Placement(placement.JobId, placement.Site, at);
                p.AddText("audit_kind", AuditKinds.Placement);
                p.AddText("audit_head", leaf.Head);
                p.AddText("audit_tail", leaf.Tail);
            },
            PostgresValues.AnyRowAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RecordDevicesAsync(long id, long fence, IReadOnlyList<int> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return WriteAsync(
            $"UPDATE jobs SET devices = @devices WHERE id = @id AND fence = @fence AND state IN {JobSql.Holding} AND devices IS NULL RETURNING id",
            p =>
            {
                p.AddIntArray("devices", devices);
                p.AddLong("id", id);
                p.AddLong("fence", fence);
            },
            PostgresValues.AnyRowAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> MarkRunningAsync(long id, long fence, DateTimeOffset at, CancellationToken cancellationToken) => WriteAsync(
        $"WITH job AS (UPDATE jobs SET state = '{JobSql.To(JobTrigger.Start)}', started_at = @at WHERE id = @id AND fence = @fence AND state IN {JobSql.From(JobTrigger.Start)} RETURNING id, site), " +
        "event AS (INSERT INTO job_events (job_id, at, kind, message) SELECT id, @at, 'started', @prefix || site FROM job) SELECT id FROM job",
        p =>
        {
            p.AddTime("at", at);
            p.AddLong("id", id);
            p.AddLong("fence", fence);
            p.AddText("prefix", JobMessages.Started(""));
        },
        PostgresValues.AnyRowAsync,
        cancellationToken);

    /// <inheritdoc />
    public Task<bool> FinishAsync(long id, long fence, JobState state, int? exitCode, double acceleratorSeconds, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        JobMessages.CheckFinish(state, acceleratorSeconds);
        var trigger = JobLifecycle.FinishTrigger(state);
        var (kind, message) = JobMessages.Finished(state, exitCode, reason);
        return WriteAsync(
            "WITH job AS (UPDATE jobs SET state = @state, exit_code = @exit, accelerator_seconds = accelerator_seconds + @seconds, reason = @reason, ended_at = @at " +
            $"WHERE id = @id AND fence = @fence AND state IN {JobSql.From(trigger)} RETURNING {UsageSource})" + AddEventFromJob + MeterFromJob + "SELECT id FROM job",
            p =>
            {
                p.AddText("state", JobSql.To(trigger));
                p.AddInt("exit", exitCode);
                p.AddDouble("seconds", acceleratorSeconds);
                p.AddText("reason", reason);
                p.AddTime("at", at);
                p.AddLong("id", id);
                p.AddLong("fence", fence);
                p.AddText("kind", kind);
                p.AddText("message", message);
                p.AddText("outcome", JobStates.Name(state));
            },
            PostgresValues.AnyRowAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RequeueAsync(long id, long fence, double acceleratorSeconds, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(acceleratorSeconds);
        // Requeue clears the placement, so the usage row is copied from the row as it was, locked
        // first ("old") so that nothing changes it between the read and the update.
        return WriteAsync(
            $"WITH old AS MATERIALIZED (SELECT {UsageSource} FROM jobs WHERE id = @id AND fence = @fence AND state IN {JobSql.From(JobTrigger.Preempt)} FOR UPDATE), " +
            $"job AS (UPDATE jobs SET state = '{JobSql.To(JobTrigger.Preempt)}', site = NULL, pool = NULL, nodes = NULL, cards_per_node = 0, devices = NULL, started_at = NULL, " +
            "accelerator_seconds = jobs.accelerator_seconds + @seconds, reason = @reason FROM old WHERE jobs.id = old.id RETURNING jobs.id)" +
            AddEventFromJob +
            ", metered AS (INSERT INTO usage (job_id, fence, tenant, site, pool, cards, accelerator_seconds, price, price_currency, spot, started_at, ended_at, outcome) " +
            $"SELECT old.id, old.fence, old.tenant, old.site, old.pool, {CardsOfOld}, @seconds, old.price, old.price_currency, old.spot, old.started_at, @at, @outcome " +
            "FROM old JOIN job ON job.id = old.id) SELECT id FROM job",
            p =>
            {
                p.AddDouble("seconds", acceleratorSeconds);
                p.AddText("reason", reason);
                p.AddLong("id", id);
                p.AddLong("fence", fence);
                p.AddTime("at", at);
                p.AddText("kind", "preempted");
                p.AddText("message", reason);
                p.AddText("outcome", UsageOutcomes.Preempted);
            },
            PostgresValues.AnyRowAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobRecord?> CancelAsync(long id, string reason, DateTimeOffset at, CancellationToken cancellationToken) => WriteAsync(
        // The placement stays: the server needs it to tell the site's agent to stop the run. A run
        // cancelled while placed or running is metered: cards × time since it started, 0 if it had not.
        $"WITH old AS MATERIALIZED (SELECT state, {UsageSource} FROM jobs WHERE id = @id AND state IN {JobSql.From(JobTrigger.Cancel)} FOR UPDATE), " +
        $"job AS (UPDATE jobs SET state = '{JobSql.To(JobTrigger.Cancel)}', reason = @reason, ended_at = @at FROM old WHERE jobs.id = old.id RETURNING {QualifiedJobColumns})" +
        AddEventFromJob +
        ", metered AS (INSERT INTO usage (job_id, fence, tenant, site, pool, cards, accelerator_seconds, price, price_currency, spot, started_at, ended_at, outcome) " +
        $"SELECT old.id, old.fence, old.tenant, old.site, old.pool, {CardsOfOld}, " +
        $"{CardsOfOld} * coalesce(greatest(0, extract(epoch FROM @at - old.started_at))::double precision, 0), " +
        $"old.price, old.price_currency, old.spot, old.started_at, @at, @outcome FROM old JOIN job ON job.id = old.id WHERE old.state IN {JobSql.Holding}) " +
        $"SELECT {JobSql.Columns} FROM job",
        p =>
        {
            p.AddText("reason", reason);
            p.AddTime("at", at);
            p.AddLong("id", id);
            p.AddText("kind", "cancelled");
            p.AddText("message", reason);
            p.AddText("outcome", UsageOutcomes.Cancelled);
        },
        PostgresValues.ReadJobOrNullAsync,
        cancellationToken);

    /// <inheritdoc />
    public async Task AppendEventAsync(long jobId, string kind, string message, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var added = await WriteAsync(
            "INSERT INTO job_events (job_id, at, kind, message) SELECT @job, @at, @kind, @message WHERE EXISTS (SELECT 1 FROM jobs WHERE id = @job) RETURNING id",
            p =>
            {
                p.AddLong("job", jobId);
                p.AddTime("at", at);
                p.AddText("kind", kind);
                p.AddText("message", message);
            },
            PostgresValues.AnyRowAsync,
            cancellationToken).ConfigureAwait(false);
        if (!added)
        {
            throw new KeyNotFoundException(string.Create(CultureInfo.InvariantCulture, $"job {jobId} does not exist"));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobEvent>> ListEventsAsync(long jobId, CancellationToken cancellationToken) => ReadAsync(
        "SELECT id, job_id, at, kind, message FROM job_events WHERE job_id = @job ORDER BY id",
        p => p.AddLong("job", jobId),
        ReadEventsAsync,
        cancellationToken);

    // Binds the new job's columns; null binds nulls, for a statement that names them but inserts no job.
    private static void BindJob(NpgsqlParameterCollection parameters, NewJob? job)
    {
        parameters.AddText("tenant", job?.Tenant);
        parameters.AddText("name", job?.Name);
        parameters.AddText("document", job is null ? null : job.Document);
        parameters.AddText("spec", job?.SpecText);
        parameters.AddInt("priority", job?.Priority);
        parameters.AddText("pinned", job?.PinnedSite);
    }

    private static async Task<IReadOnlyList<JobEvent>> ReadEventsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var events = new List<JobEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new JobEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetTime(2), reader.GetString(3), reader.GetString(4)));
        }

        return events;
    }
}
