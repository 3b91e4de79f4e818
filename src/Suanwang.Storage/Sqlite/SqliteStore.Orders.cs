using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task<OrderResult> PlaceOrderAsync(NewOrder order, NewJob? job, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var plan = OrderPlan.Of(order, job);
        var time = SqliteValues.Time(at);
        return WriteAsync(session =>
        {
            var prior = session.Command($"SELECT {MarketRows.OrderColumns} FROM orders WHERE tenant = @tenant AND idempotency_key = @key");
            prior.Bind("@tenant", order.Tenant);
            prior.Bind("@key", order.IdempotencyKey);
            using (var reader = prior.ExecuteReader())
            {
                if (reader.Read())
                {
                    var stored = ReadOrder(reader);
                    return new OrderResult(stored, Replayed: true, SameRequest: stored.RequestHash == order.RequestHash, Insufficient: false);
                }
            }

            // Checked before anything is written, so a refusal leaves nothing to undo. The writer
            // runs one write at a time, so no other block can come between the check and the insert.
            if (order.Block is { } block && Oversold(session, block))
            {
                return new OrderResult(null, Replayed: false, SameRequest: true, Insufficient: false, Oversold: true);
            }

            if (!HasFunds(session, plan.Lines))
            {
                return new OrderResult(null, Replayed: false, SameRequest: true, Insufficient: true);
            }

            long? jobId = plan.Job is { } newJob ? InsertJob(session, newJob, time) : null;
            var record = plan.Record(jobId, at);
            var insert = session.Command(
                $"INSERT INTO orders ({MarketRows.OrderColumns}) VALUES (@id, @tenant, @key, @hash, @kind, @quote, @job, @currency, @reserved, @charged, @state, @at, @settled)");
            insert.Bind("@id", order.Id);
            insert.Bind("@tenant", order.Tenant);
            insert.Bind("@key", order.IdempotencyKey);
            insert.Bind("@hash", order.RequestHash);
            insert.Bind("@kind", order.Kind);
            insert.Bind("@quote", order.QuoteId);
            insert.Bind("@job", jobId);
            insert.Bind("@currency", order.Currency);
            insert.Bind("@reserved", order.Reserved);
            insert.Bind("@charged", plan.Charged);
            insert.Bind("@state", plan.State);
            insert.Bind("@at", time);
            insert.Bind("@settled", record.SettledAt is null ? null : time);
            insert.ExecuteNonQuery();
            if (order.Block is { } held)
            {
                InsertBlock(session, order, held);
            }

            if (plan.Posting is { } posting)
            {
                ApplyPosting(session, posting, plan.Lines, null, at);
            }

            return new OrderResult(record, Replayed: false, SameRequest: true, Insufficient: false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> SettleOrderAsync(string orderId, IReadOnlyList<SettledUsage> usage, Posting? settlement, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var plan = CheckedSettlement.Of(orderId, usage, settlement);
        var time = SqliteValues.Time(at);
        return WriteAsync(session =>
        {
            var select = session.Command(
                $"SELECT o.tenant, o.currency, o.reserved, o.job_id, o.kind = '{OrderKinds.Job}' AND o.state IN {JobSql.Settleable} AND j.state IN {JobSql.Final} " +
                "FROM orders o LEFT JOIN jobs j ON j.id = o.job_id WHERE o.id = @id");
            select.Bind("@id", orderId);
            string tenant;
            string currency;
            long reserved;
            long jobId;
            using (var reader = select.ExecuteReader())
            {
                if (!reader.Read() || reader.IsDBNull(3) || reader.IsDBNull(4) || reader.GetInt64(4) == 0)
                {
                    return false;
                }

                (tenant, currency, reserved, jobId) = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
            }

            if (!plan.Matches(tenant, currency, reserved))
            {
                throw plan.Mismatch(tenant, currency, reserved);
            }

            var update = session.Command($"UPDATE orders SET state = '{JobSql.Settled}', charged = @charged, settled_at = @at WHERE id = @id AND state IN {JobSql.Settleable}");
            update.Bind("@charged", plan.Charged);
            update.Bind("@at", time);
            update.Bind("@id", orderId);
            update.ExecuteNonQuery();
            foreach (var row in plan.Usage)
            {
                var figures = session.Command(
                    "UPDATE usage SET card_hours = @hours, petaflop_hours = @pfh, kwh = @kwh, kg_co2 = @co2, charge = @charge, commission = @commission " +
                    "WHERE job_id = @job AND fence = @fence AND job_id = @order_job AND charge IS NULL");
                figures.Bind("@hours", row.CardHours);
                figures.Bind("@pfh", row.PetaflopHours);
                figures.Bind("@kwh", row.Kwh);
                figures.Bind("@co2", row.KgCo2);
                figures.Bind("@charge", row.Charge);
                figures.Bind("@commission", row.Commission);
                figures.Bind("@job", row.JobId);
                figures.Bind("@fence", row.Fence);
                figures.Bind("@order_job", jobId);
                if (figures.ExecuteNonQuery() != 1)
                {
                    throw new ArgumentException($"order {orderId} has no unsettled usage of job {row.JobId} fence {row.Fence}", nameof(usage));
                }
            }

            if (plan.Posting is { } posting)
            {
                ApplyPosting(session, posting, plan.Lines, null, at);
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> MeterStoppedRunAsync(long jobId, long fence, double acceleratorSeconds, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(acceleratorSeconds);
        var started = SqliteValues.Time(startedAt);
        return WriteAsync(session =>
        {
            var update = session.Command(
                $"UPDATE usage SET accelerator_seconds = @seconds, started_at = @started WHERE job_id = @id AND fence = @fence AND outcome = '{UsageOutcomes.Cancelled}' " +
                $"AND started_at IS NULL AND charge IS NULL AND EXISTS (SELECT 1 FROM jobs WHERE id = @id AND fence = @fence AND state = '{JobStates.Name(JobState.Cancelled)}') " +
                "RETURNING accelerator_seconds");
            update.Bind("@seconds", acceleratorSeconds);
            update.Bind("@started", started);
            update.Bind("@id", jobId);
            update.Bind("@fence", fence);
            if (update.ExecuteScalar() is null)
            {
                return false;
            }

            // The row showed no start, so it held 0 card-seconds: all of these are new to the job.
            var job = session.Command("UPDATE jobs SET accelerator_seconds = accelerator_seconds + @seconds WHERE id = @id");
            job.Bind("@seconds", acceleratorSeconds);
            job.Bind("@id", jobId);
            job.ExecuteNonQuery();
            return true;
        }, cancellationToken);
    }
}
