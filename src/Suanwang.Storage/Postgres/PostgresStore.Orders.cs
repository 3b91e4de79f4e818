using Npgsql;
using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    // The first key of the two-key advisory locks taken per pool by block orders; the second is
    // the pool's hash. Two-key locks are a space apart from the one-key locks of the lease and
    // migrations.
    private const int BlockLockClass = 0x5357_0b10;

    /// <inheritdoc />
    public async Task<OrderResult> PlaceOrderAsync(NewOrder order, NewJob? job, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var plan = OrderPlan.Of(order, job);
        var debits = PostingRules.FloorDebits(plan.Lines);
        var block = order.Block;
        // One statement: the order's key is looked up, the wallet's row locked and read, and only
        // when the key is new, the money there and (for a block) the pool not oversold do the job
        // (with its event), the order, the block and the posting go in, all or nothing.
        var sql =
            $"WITH prior AS (SELECT {MarketRows.OrderColumns} FROM orders WHERE tenant = @order_tenant AND idempotency_key = @order_key), " + PostingInput +
            "overlap AS (SELECT coalesce(sum(cards), 0) AS n FROM reservations " +
            "WHERE @has_block AND site = @block_site AND pool = @block_pool AND starts_at < @block_ends AND ends_at > @block_starts), " +
            "oversold AS (SELECT @has_block AND NOT EXISTS (SELECT 1 FROM prior) AND (SELECT n FROM overlap) + @block_cards > @block_capacity AS yes), " +
            "gate AS (SELECT NOT EXISTS (SELECT 1 FROM prior) AND (SELECT n FROM short) = 0 AND NOT (SELECT yes FROM oversold) AS go), " +
            "job AS (" + InsertJobColumns + " SELECT " + JobValues + " FROM gate WHERE go AND @has_job RETURNING id), " +
            "event AS (INSERT INTO job_events (job_id, at, kind, message) SELECT id, @at, 'submitted', @message FROM job), " +
            $"placed AS (INSERT INTO orders ({MarketRows.OrderColumns}) SELECT @order_id, @order_tenant, @order_key, @hash, @order_kind, @quote, " +
            $"(SELECT id FROM job), @currency, @reserved, @charged, @state, @at, @settled_at FROM gate WHERE go RETURNING {MarketRows.OrderColumns}), " +
            "held AS (INSERT INTO reservations (order_id, tenant, site, pool, cards, starts_at, ends_at) " +
            "SELECT id, tenant, @block_site, @block_pool, @block_cards, @block_starts, @block_ends FROM placed WHERE @has_block), " +
            PostingWrites +
            $"SELECT o.fresh, (SELECT count(*) FROM debit), (SELECT yes FROM oversold), {MarketRows.QualifiedOrderColumns} FROM (SELECT 1) AS one LEFT JOIN " +
            $"(SELECT false AS fresh, {MarketRows.OrderColumns} FROM prior UNION ALL SELECT true, {MarketRows.OrderColumns} FROM placed) o ON true";

        // Block orders on one pool take a lock first, held to the commit, so that the statement
        // (whose snapshot starts after the lock is granted) counts every block committed before it,
        // whichever process placed it: two blocks cannot both see room for themselves.
        (string, Action<NpgsqlParameterCollection>)? lockFirst = block is null ? null : (
            "SELECT 1 FROM (SELECT pg_advisory_xact_lock(@lock_class, hashtext(@lock_site || '/' || @lock_pool::text))) AS l",
            p =>
            {
                p.AddInt("lock_class", BlockLockClass);
                p.AddText("lock_site", block.Site);
                p.AddInt("lock_pool", block.Pool);
            });
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(
                    sql,
                    p =>
                    {
                        p.AddText("order_id", order.Id);
                        p.AddText("order_tenant", order.Tenant);
                        p.AddText("order_key", order.IdempotencyKey);
                        p.AddText("hash", order.RequestHash);
                        p.AddText("order_kind", order.Kind);
                        p.AddText("quote", order.QuoteId);
                        p.AddText("currency", order.Currency);
                        p.AddLong("reserved", order.Reserved);
                        p.AddLong("charged", plan.Charged);
                        p.AddText("state", plan.State);
                        p.AddTime("at", at);
                        p.AddTime("settled_at", plan.State == OrderStates.Settled ? at : null);
                        p.AddBool("has_job", plan.Job is not null);
                        // The statement names the job's parameters even for a block, which inserts no job.
                        BindJob(p, plan.Job);
                        p.AddText("message", JobMessages.Submitted(order.Tenant));
                        BindPosting(p, plan.Posting, plan.Lines, null, at);
                        p.AddBool("has_block", block is not null);
                        p.AddText("block_site", block?.Site);
                        p.AddInt("block_pool", block?.Pool ?? 0);
                        p.AddInt("block_cards", block?.Cards ?? 0);
                        p.AddInt("block_capacity", block?.PoolCards ?? 0);
                        p.AddTime("block_starts", block?.StartsAt ?? at);
                        p.AddTime("block_ends", block?.EndsAt ?? at);
                    },
                    async (reader, ct) =>
                    {
                        await reader.ReadAsync(ct).ConfigureAwait(false);
                        if (reader.IsDBNull(0))
                        {
                            return reader.GetBoolean(2)
                                ? new OrderResult(null, Replayed: false, SameRequest: true, Insufficient: false, Oversold: true)
                                : new OrderResult(null, Replayed: false, SameRequest: true, Insufficient: true);
                        }

                        var stored = MarketRows.ReadOrder(reader, static (r, i) => r.GetFieldValue<DateTimeOffset>(i), first: 3);
                        if (!reader.GetBoolean(0))
                        {
                            return new OrderResult(stored, Replayed: true, SameRequest: stored.RequestHash == order.RequestHash, Insufficient: false);
                        }

                        if (plan.Posting is { } posting)
                        {
                            CheckDebits(reader.GetInt64(1), debits, posting);
                        }

                        return new OrderResult(stored, Replayed: false, SameRequest: true, Insufficient: false);
                    },
                    cancellationToken,
                    lockFirst).ConfigureAwait(false);
            }
            catch (PostgresException error) when (IsKeyRace(error, OrderKeyIndex, attempt))
            {
                // Another process placed an order with the same key and committed first: run
                // again to return that order as a replay.
            }
        }
    }

    /// <inheritdoc />
    public Task<bool> SettleOrderAsync(string orderId, IReadOnlyList<SettledUsage> usage, Posting? settlement, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var plan = CheckedSettlement.Of(orderId, usage, settlement);
        var debits = PostingRules.FloorDebits(plan.Lines);
        // The order's UPDATE is the compare-and-set (open, its job final, the settlement its own);
        // a second settlement, here or in another process, waits for the first and then matches
        // nothing. Usage figures and the posting go in only through it.
        var sql =
            "WITH target AS (SELECT o.id, o.tenant, o.currency, o.reserved, o.job_id, " +
            $"o.kind = '{OrderKinds.Job}' AND o.state IN {JobSql.Settleable} AND j.state IN {JobSql.Final} AS due FROM orders o LEFT JOIN jobs j ON j.id = o.job_id WHERE o.id = @order_id), " +
            $"settled AS (UPDATE orders o SET state = '{JobSql.Settled}', charged = @charged, settled_at = @at FROM target t " +
            $"WHERE o.id = t.id AND t.due AND o.state IN {JobSql.Settleable} AND o.reserved = @release AND (@posting_tenant::text IS NULL OR (o.tenant = @posting_tenant AND o.currency = @release_currency)) " +
            "RETURNING o.id, o.job_id), " +
            "gate AS (SELECT EXISTS (SELECT 1 FROM settled) AS go), " +
            "figures AS (UPDATE usage u SET card_hours = f.card_hours, petaflop_hours = f.petaflop_hours, kwh = f.kwh, kg_co2 = f.kg_co2, charge = f.charge, commission = f.commission " +
            "FROM unnest(@usage_jobs, @usage_fences, @usage_hours, @usage_pfh, @usage_kwh, @usage_co2, @usage_charges, @usage_commissions) " +
            "AS f(job_id, fence, card_hours, petaflop_hours, kwh, kg_co2, charge, commission), settled s " +
            "WHERE u.job_id = f.job_id AND u.fence = f.fence AND u.job_id = s.job_id AND u.charge IS NULL RETURNING 1), " +
            PostingInput + PostingWrites +
            "SELECT (SELECT count(*) FROM settled), (SELECT count(*) FROM figures), (SELECT count(*) FROM debit), t.tenant, t.currency, t.reserved, t.due " +
            "FROM (SELECT 1) AS one LEFT JOIN target t ON true";
        return WriteAsync(
            sql,
            p =>
            {
                p.AddText("order_id", orderId);
                p.AddLong("charged", plan.Charged);
                p.AddTime("at", at);
                p.AddLong("release", plan.Release);
                p.AddText("release_currency", plan.Currency);
                var rows = plan.Usage;
                p.AddLongArray("usage_jobs", rows.Select(r => r.JobId).ToArray());
                p.AddLongArray("usage_fences", rows.Select(r => r.Fence).ToArray());
                p.AddDoubleArray("usage_hours", rows.Select(r => r.CardHours).ToArray());
                p.AddDoubleArray("usage_pfh", rows.Select(r => r.PetaflopHours).ToArray());
                p.AddDoubleArray("usage_kwh", rows.Select(r => r.Kwh).ToArray());
                p.AddDoubleArray("usage_co2", rows.Select(r => r.KgCo2).ToArray());
                p.AddLongArray("usage_charges", rows.Select(r => r.Charge).ToArray());
                p.AddLongArray("usage_commissions", rows.Select(r => r.Commission).ToArray());
                BindPosting(p, plan.Posting, plan.Lines, null, at);
            },
            async (reader, ct) =>
            {
                await reader.ReadAsync(ct).ConfigureAwait(false);
                if (reader.GetInt64(0) == 0)
                {
                    // Not settled: missing, settled already, job not final, or not this settlement's order.
                    if (!reader.IsDBNull(3) && reader.GetBoolean(6) && !plan.Matches(reader.GetString(3), reader.GetString(4), reader.GetInt64(5)))
                    {
                        throw plan.Mismatch(reader.GetString(3), reader.GetString(4), reader.GetInt64(5));
                    }

                    return false;
                }

                if (reader.GetInt64(1) != plan.Usage.Count)
                {
                    throw new ArgumentException($"order {orderId} has no unsettled usage for some of the {plan.Usage.Count} rows given", nameof(usage));
                }

                if (plan.Posting is { } posting)
                {
                    CheckDebits(reader.GetInt64(2), debits, posting);
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> MeterStoppedRunAsync(long jobId, long fence, double acceleratorSeconds, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(acceleratorSeconds);
        // The row showed no start, so it held 0 card-seconds: all of these are new to the job.
        return WriteAsync(
            $"WITH metered AS (UPDATE usage SET accelerator_seconds = @seconds, started_at = @started WHERE job_id = @id AND fence = @fence AND outcome = '{UsageOutcomes.Cancelled}' " +
            $"AND started_at IS NULL AND charge IS NULL AND EXISTS (SELECT 1 FROM jobs WHERE id = @id AND fence = @fence AND state = '{JobStates.Name(JobState.Cancelled)}') RETURNING job_id), " +
            "job AS (UPDATE jobs SET accelerator_seconds = accelerator_seconds + @seconds WHERE id IN (SELECT job_id FROM metered) RETURNING id) " +
            "SELECT id FROM job",
            p =>
            {
                p.AddDouble("seconds", acceleratorSeconds);
                p.AddTime("started", startedAt);
                p.AddLong("id", jobId);
                p.AddLong("fence", fence);
            },
            PostgresValues.AnyRowAsync,
            cancellationToken);
    }
}
