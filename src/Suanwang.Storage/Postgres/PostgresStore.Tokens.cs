using Npgsql;
using Suanwang.Core.Market;
using Suanwang.Storage.Health;
using Suanwang.Storage.Market;
using Suanwang.Storage.Tokens;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    // Records billed per pass at most, so one pass stays one short transaction.
    private const int BillBatch = 50_000;

    // Any fixed number: the transaction-scoped advisory lock that makes one replica bill at a time.
    private const long BillingLock = 7_007_001;

    /// <inheritdoc />
    private protected override Task<int> InsertUsagesAsync(IReadOnlyList<TokenUsageRecord> usages, CancellationToken cancellationToken) =>
        // One statement for the batch: a column array each, unnested into rows.
        WriteAsync(
            $"INSERT INTO token_usage ({TokenUsageColumns}, record_id) " +
            "SELECT * FROM unnest(@at, @tenant, @key, @model, @site, @owner, @prompt, @cached, @completion, @ttft, @duration, @outcome, @currency, @cost, @record) " +
            "ON CONFLICT (record_id) DO NOTHING RETURNING id",
            p =>
            {
                T[] Column<T>(Func<TokenUsageRecord, T> value) => [.. usages.Select(value)];
                p.AddTimeArray("at", Column(u => u.At));
                p.AddTextArray("tenant", Column(u => u.Tenant));
                p.AddTextArray("key", Column(u => u.KeyId));
                p.AddTextArray("model", Column(u => u.Model));
                p.AddTextArray("site", Column(u => u.Site));
                p.AddTextArray("owner", Column(u => u.Owner));
                p.AddLongArray("prompt", Column(u => u.PromptTokens));
                p.AddLongArray("cached", Column(u => u.CachedTokens));
                p.AddLongArray("completion", Column(u => u.CompletionTokens));
                p.AddDoubleArray("ttft", Column(u => u.TtftMs));
                p.AddDoubleArray("duration", Column(u => u.DurationMs));
                p.AddTextArray("outcome", Column(u => u.Outcome));
                p.AddTextArray("currency", Column(u => u.Currency));
                p.AddLongArray("cost", Column(u => u.CostNanos));
                p.AddTextArray("record", Column(u => u.RecordId!));
            },
            static async (reader, ct) =>
            {
                var added = 0;
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    added++;
                }

                return added;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<TokenBillingResult> BillTokenUsageAsync(decimal commissionRate, DateTimeOffset at, CancellationToken cancellationToken) =>
        StoreFailures.TranslatedAsync(BillOnceAsync(commissionRate, at, cancellationToken));

    // One transaction of its own, not the group commit: it reads, decides and writes, once a second.
    private async Task<TokenBillingResult> BillOnceAsync(decimal commissionRate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@lock)", p => p.AddLong("lock", BillingLock), cancellationToken).ConfigureAwait(false);
                var rows = new List<TokenBillRow>();
                await QueryAsync(
                    connection,
                    "SELECT id, tenant, model, owner, currency, cost_nanos FROM token_usage WHERE NOT billed ORDER BY id LIMIT @limit",
                    p => p.AddLong("limit", BillBatch),
                    r => rows.Add(new TokenBillRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5))),
                    cancellationToken).ConfigureAwait(false);
                var carries = new List<TokenCarry>();
                await QueryAsync(
                    connection,
                    "SELECT tenant, model, owner, currency, nanos FROM token_carry",
                    static _ => { },
                    r => carries.Add(new TokenCarry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4))),
                    cancellationToken).ConfigureAwait(false);
                if (rows.Count == 0 && !carries.Exists(c => c.Nanos >= TokenBillPlan.NanosPerMinor(c.Currency)))
                {
                    return new TokenBillingResult(0, 0, 0);
                }

                var pairs = rows.Select(r => (r.Tenant, r.Currency)).Concat(carries.Select(c => (c.Tenant, c.Currency))).Distinct().ToArray();
                var wallets = pairs.ToDictionary(p => p, _ => 0L);
                await QueryAsync(
                    connection,
                    "SELECT a.id, a.currency, a.balance FROM accounts a JOIN unnest(@ids, @currencies) AS w(id, currency) ON a.id = w.id AND a.currency = w.currency " +
                    "ORDER BY a.id, a.currency FOR UPDATE OF a",
                    p =>
                    {
                        p.AddTextArray("ids", Array.ConvertAll(pairs, w => Accounts.Wallet(w.Tenant)));
                        p.AddTextArray("currencies", Array.ConvertAll(pairs, w => w.Currency));
                    },
                    r => wallets[(r.GetString(0)["tenant:".Length..^":wallet".Length], r.GetString(1))] = r.GetInt64(2),
                    cancellationToken).ConfigureAwait(false);

                var plan = TokenBillPlan.Make(rows, carries, wallets, commissionRate);
                const string Post = "WITH " + PostingInput + "gate AS (SELECT (SELECT n FROM short) = 0 AS go), " + PostingWrites + "SELECT (SELECT id FROM posting)";
                foreach (var posting in plan.Postings)
                {
                    var lines = PostingRules.Check(posting);
                    long? id = null;
                    await QueryAsync(
                        connection,
                        Post,
                        p =>
                        {
                            BindPosting(p, posting, lines, null, at);
                            p.AddTime("at", at);
                        },
                        r => id = r.IsDBNull(0) ? null : r.GetInt64(0),
                        cancellationToken).ConfigureAwait(false);
                    if (id is null)
                    {
                        throw new InvalidOperationException($"the wallet of tenant {posting.Tenant} no longer covers the tokens billed to it");
                    }
                }

                await ExecuteAsync(
                    connection,
                    "INSERT INTO token_carry (tenant, model, owner, currency, nanos) SELECT * FROM unnest(@tenants, @models, @owners, @currencies, @nanos) " +
                    "ON CONFLICT (tenant, model, owner, currency) DO UPDATE SET nanos = excluded.nanos",
                    p =>
                    {
                        var carried = plan.Carries.ToArray();
                        p.AddTextArray("tenants", Array.ConvertAll(carried, c => c.Tenant));
                        p.AddTextArray("models", Array.ConvertAll(carried, c => c.Model));
                        p.AddTextArray("owners", Array.ConvertAll(carried, c => c.Owner));
                        p.AddTextArray("currencies", Array.ConvertAll(carried, c => c.Currency));
                        p.AddLongArray("nanos", Array.ConvertAll(carried, c => c.Nanos));
                    },
                    cancellationToken).ConfigureAwait(false);
                // By id, not "NOT billed": a replica's record committed meanwhile is left for the next pass.
                await ExecuteAsync(connection, "UPDATE token_usage SET billed = true WHERE id = ANY(@ids)", p => p.AddLongArray("ids", plan.Ids), cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new TokenBillingResult(rows.Count, plan.Postings.Count, plan.PostedMinor);
            }
        }
    }

    private static async Task QueryAsync(NpgsqlConnection connection, string sql, Action<NpgsqlParameterCollection> bind, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Constant SQL text; values go in parameters.
        var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await using (command.ConfigureAwait(false))
        {
            bind(command.Parameters);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    row(reader);
                }
            }
        }
    }
}
