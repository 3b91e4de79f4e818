using Suanwang.Core.Market;
using Suanwang.Storage.Market;
using Suanwang.Storage.Tokens;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    // Records billed per pass at most, so one pass stays one short transaction.
    private const int BillBatch = 50_000;

    /// <inheritdoc />
    public Task<TokenBillingResult> BillTokenUsageAsync(decimal commissionRate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        return WriteAsync(session =>
        {
            // Inside the write transaction, which holds the database's write lock: no record,
            // carry or balance changes between these reads and the writes below.
            var rows = new List<TokenBillRow>();
            var select = session.Command("SELECT id, tenant, model, owner, currency, cost_nanos FROM token_usage WHERE NOT billed ORDER BY id LIMIT @limit");
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
                var mark = session.Command("UPDATE token_usage SET billed = true WHERE NOT billed AND id <= @last");
                mark.Bind("@last", rows[^1].Id);
                mark.ExecuteNonQuery();
            }

            return new TokenBillingResult(rows.Count, plan.Postings.Count, plan.PostedMinor);
        }, cancellationToken);
    }
}
