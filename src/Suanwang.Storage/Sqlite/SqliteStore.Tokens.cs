using Microsoft.Data.Sqlite;
using Suanwang.Core.Market;
using Suanwang.Storage.Market;
using Suanwang.Storage.Tokens;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    // Records billed per pass at most, so one pass stays one short transaction.
    private const int BillBatch = 50_000;

    /// <inheritdoc />
    private protected override Task<int> InsertUsagesAsync(IReadOnlyList<TokenUsageRecord> usages, CancellationToken cancellationToken) =>
        WriteAsync(session =>
        {
            // One prepared statement for the batch: its parameters are made once and take each
            // record's values in turn.
            var insert = session.Command(
                $"INSERT INTO token_usage ({TokenUsageColumns}, record_id) VALUES (@at, @tenant, @key, @model, @site, @owner, @prompt, @cached, @completion, @ttft, @duration, @outcome, @currency, @cost, @record) " +
                "ON CONFLICT (record_id) DO NOTHING");
            var p = insert.Parameters;
            SqliteParameter at = p.Add("@at", SqliteType.Text), tenant = p.Add("@tenant", SqliteType.Text), key = p.Add("@key", SqliteType.Text),
                model = p.Add("@model", SqliteType.Text), site = p.Add("@site", SqliteType.Text), owner = p.Add("@owner", SqliteType.Text),
                prompt = p.Add("@prompt", SqliteType.Integer), cached = p.Add("@cached", SqliteType.Integer), completion = p.Add("@completion", SqliteType.Integer),
                ttft = p.Add("@ttft", SqliteType.Real), duration = p.Add("@duration", SqliteType.Real), outcome = p.Add("@outcome", SqliteType.Text),
                currency = p.Add("@currency", SqliteType.Text), cost = p.Add("@cost", SqliteType.Integer), record = p.Add("@record", SqliteType.Text);
            var added = 0;
            foreach (var usage in usages)
            {
                at.Value = SqliteValues.Time(usage.At);
                tenant.Value = usage.Tenant;
                key.Value = usage.KeyId;
                model.Value = usage.Model;
                site.Value = usage.Site;
                owner.Value = usage.Owner;
                prompt.Value = usage.PromptTokens;
                cached.Value = usage.CachedTokens;
                completion.Value = usage.CompletionTokens;
                ttft.Value = usage.TtftMs;
                duration.Value = usage.DurationMs;
                outcome.Value = usage.Outcome;
                currency.Value = usage.Currency;
                cost.Value = usage.CostNanos;
                record.Value = (object?)usage.RecordId ?? DBNull.Value;
                added += insert.ExecuteNonQuery();
            }

            return added;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<TokenBillingResult> BillTokenUsageAsync(decimal commissionRate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        return WriteAsync(session =>
        {
            // Inside the write transaction, which holds the database's write lock: no record,
            // carry or balance changes between these reads and the writes below.
            // The partial index holds only unbilled records: without it the scan in id order
            // would walk every record ever billed on each pass.
            var rows = new List<TokenBillRow>();
            var select = session.Command(
                "SELECT id, tenant, model, owner, currency, cost_nanos FROM token_usage INDEXED BY token_usage_unbilled WHERE NOT billed ORDER BY id LIMIT @limit");
            select.Bind("@limit", BillBatch);
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows.Add(new TokenBillRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5)));
                }
            }

            var carries = new List<TokenCarry>();
            using (var reader = session.Command("SELECT tenant, model, owner, currency, nanos FROM token_carry").ExecuteReader())
            {
                while (reader.Read())
                {
                    carries.Add(new TokenCarry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
                }
            }

            if (rows.Count == 0 && !carries.Exists(c => c.Nanos >= TokenBillPlan.NanosPerMinor(c.Currency)))
            {
                return new TokenBillingResult(0, 0, 0);
            }

            var wallets = new Dictionary<(string Tenant, string Currency), long>();
            foreach (var (tenant, currency) in rows.Select(r => (r.Tenant, r.Currency)).Concat(carries.Select(c => (c.Tenant, c.Currency))).Distinct())
            {
                var balance = session.Command("SELECT balance FROM accounts WHERE id = @id AND currency = @currency");
                balance.Bind("@id", Accounts.Wallet(tenant));
                balance.Bind("@currency", currency);
                wallets[(tenant, currency)] = balance.ExecuteScalar() as long? ?? 0;
            }

            var plan = TokenBillPlan.Make(rows, carries, wallets, commissionRate);
            foreach (var posting in plan.Postings)
            {
                ApplyPosting(session, posting, PostingRules.Check(posting), null, at);
            }

            foreach (var carry in plan.Carries)
            {
                var upsert = session.Command(
                    "INSERT INTO token_carry (tenant, model, owner, currency, nanos) VALUES (@tenant, @model, @owner, @currency, @nanos) " +
                    "ON CONFLICT (tenant, model, owner, currency) DO UPDATE SET nanos = excluded.nanos");
                upsert.Bind("@tenant", carry.Tenant);
                upsert.Bind("@model", carry.Model);
                upsert.Bind("@owner", carry.Owner);
                upsert.Bind("@currency", carry.Currency);
                upsert.Bind("@nanos", carry.Nanos);
                upsert.ExecuteNonQuery();
            }

            if (rows.Count > 0)
            {
                var mark = session.Command(
                    "UPDATE token_usage SET billed = true WHERE id IN (SELECT id FROM token_usage INDEXED BY token_usage_unbilled WHERE NOT billed AND id <= @last)");
                mark.Bind("@last", rows[^1].Id);
                mark.ExecuteNonQuery();
            }

            return new TokenBillingResult(rows.Count, plan.Postings.Count, plan.PostedMinor);
        }, cancellationToken);
    }
}
