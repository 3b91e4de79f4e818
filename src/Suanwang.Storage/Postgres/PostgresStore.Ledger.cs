using Npgsql;
using Suanwang.Core.Audit;
using Suanwang.Core.Market;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    // A posting in one statement, so it rides in the group-commit batch like any other write.
    // "l" is the lines (sorted by account and currency); "locked" locks the rows of the accounts
    // they touch, in that order, and reads their latest balances; "short" counts floor-zero
    // debits those balances cannot cover. The statement's own "gate" CTE (with a boolean "go")
    // decides whether the rest runs: the posting, its lines, the floor-zero debits as guarded
    // UPDATEs, and the other lines as upserts. The caller compares "debit" with the number of
    // floor-zero debits and throws, rolling everything back, should a guard ever not match: the
    // CHECK constraint refuses a negative wallet besides.
    private const string PostingInput =
        "l AS (SELECT * FROM unnest(@accounts, @currencies, @amounts, @floors) AS l(account, currency, amount, floor_zero)), " +
        "locked AS MATERIALIZED (SELECT a.id, a.currency, a.balance FROM accounts a JOIN l ON a.id = l.account AND a.currency = l.currency " +
        "ORDER BY a.id, a.currency FOR UPDATE OF a), " +
        "short AS (SELECT count(*) AS n FROM l LEFT JOIN locked k ON k.id = l.account AND k.currency = l.currency " +
        "WHERE l.floor_zero AND l.amount < 0 AND coalesce(k.balance, 0) + l.amount < 0), ";

    private const string PostingWrites =
        "posting AS (INSERT INTO postings (at, kind, tenant, order_id, memo, idempotency_key) " +
        "SELECT @at, @posting_kind, @posting_tenant, @posting_order, @memo, @posting_key FROM gate WHERE go AND cardinality(@accounts) > 0 RETURNING id), " +
        "lines AS (INSERT INTO posting_lines (posting_id, account, currency, amount, at, kind) SELECT posting.id, l.account, l.currency, l.amount, @at, @posting_kind FROM posting CROSS JOIN l), " +
        "debit AS (UPDATE accounts a SET balance = a.balance + l.amount FROM l, posting " +
        "WHERE a.id = l.account AND a.currency = l.currency AND l.floor_zero AND l.amount < 0 AND a.balance + l.amount >= 0 RETURNING a.id), " +
        "credit AS (INSERT INTO accounts (id, currency, balance, floor_zero) SELECT l.account, l.currency, l.amount, l.floor_zero FROM posting CROSS JOIN l " +
        "WHERE NOT (l.floor_zero AND l.amount < 0) ON CONFLICT (id, currency) DO UPDATE SET balance = accounts.balance + excluded.balance), " +
        // The posting's audit entry, committed with it: the leaf's text around the posting's id.
        "audit AS (INSERT INTO audit_entries (kind, tenant, body) SELECT @audit_kind, @posting_tenant, convert_to(@audit_head || posting.id::text || @audit_tail, 'UTF8') FROM posting) ";

    // SQLSTATE of a unique violation, and the indexes behind the idempotency keys.
    private const string UniqueViolation = "23505";
    private const string PostingKeyIndex = "postings_idempotency";
    private const string OrderKeyIndex = "orders_idempotency";

    /// <inheritdoc />
    public async Task<PostResult> PostAsync(Posting posting, string? idempotencyKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var lines = PostingRules.Check(posting);
        var debits = PostingRules.FloorDebits(lines);
        const string Sql =
            "WITH prior AS (SELECT id FROM postings WHERE coalesce(tenant, '') = @scope AND idempotency_key = @posting_key), " + PostingInput +
            "gate AS (SELECT NOT EXISTS (SELECT 1 FROM prior) AND (SELECT n FROM short) = 0 AS go), " + PostingWrites +
            "SELECT (SELECT id FROM posting), (SELECT id FROM prior), (SELECT count(*) FROM debit)";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(
                    Sql,
                    p =>
                    {
                        p.AddText("scope", PostingRules.Scope(posting));
                        BindPosting(p, posting, lines, idempotencyKey, at);
                        p.AddTime("at", at);
                    },
                    async (reader, ct) =>
                    {
                        await reader.ReadAsync(ct).ConfigureAwait(false);
                        if (!reader.IsDBNull(1))
                        {
                            return new PostResult(reader.GetInt64(1), Replayed: true, Insufficient: false);
                        }

                        if (reader.IsDBNull(0))
                        {
                            return new PostResult(0, Replayed: false, Insufficient: true);
                        }

                        CheckDebits(reader.GetInt64(2), debits, posting);
                        return new PostResult(reader.GetInt64(0), Replayed: false, Insufficient: false);
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException error) when (IsKeyRace(error, PostingKeyIndex, attempt))
            {
                // Another process posted with the same key and committed first: run again to
                // find its posting and report the replay.
            }
        }
    }

    /// <inheritdoc />
    public async Task<LedgerCheck> VerifyLedgerAsync(CancellationToken cancellationToken)
    {
        var problems = new LedgerProblems();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One snapshot for every query, so postings committed meanwhile cannot look unbalanced.
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await QueryAsync(connection, "SELECT (SELECT count(*) FROM postings), (SELECT count(*) FROM posting_lines)", r =>
                {
                    problems.Postings = r.GetInt64(0);
                    problems.Lines = r.GetInt64(1);
                }, cancellationToken).ConfigureAwait(false);
                await QueryAsync(
                    connection,
                    "SELECT posting_id, currency, sum(amount)::bigint FROM posting_lines GROUP BY posting_id, currency HAVING sum(amount) <> 0 ORDER BY posting_id, currency",
                    r => problems.Unbalanced(r.GetInt64(0), r.GetString(1), r.GetInt64(2)),
                    cancellationToken).ConfigureAwait(false);
                await QueryAsync(
                    connection,
                    "SELECT p.id, count(l.posting_id) FROM postings p LEFT JOIN posting_lines l ON l.posting_id = p.id GROUP BY p.id HAVING count(l.posting_id) < 2 ORDER BY p.id",
                    r => problems.TooFewLines(r.GetInt64(0), r.GetInt64(1)),
                    cancellationToken).ConfigureAwait(false);
                await QueryAsync(
                    connection,
                    "WITH sums AS (SELECT account, currency, sum(amount)::bigint AS total FROM posting_lines GROUP BY account, currency) " +
                    "SELECT coalesce(a.id, s.account), coalesce(a.currency, s.currency), a.balance, coalesce(s.total, 0) " +
                    "FROM accounts a FULL JOIN sums s ON s.account = a.id AND s.currency = a.currency " +
                    "WHERE a.balance IS DISTINCT FROM coalesce(s.total, 0) ORDER BY 1, 2",
                    r => problems.BalanceDiffers(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetInt64(3)),
                    cancellationToken).ConfigureAwait(false);
                await QueryAsync(
                    connection,
                    "SELECT id, currency, balance FROM accounts WHERE floor_zero AND balance < 0 ORDER BY id, currency",
                    r => problems.Negative(r.GetString(0), r.GetString(1), r.GetInt64(2)),
                    cancellationToken).ConfigureAwait(false);
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return problems.Result();
    }

    // Binds what PostingInput and PostingWrites read; a null posting binds empty lines.
    private static void BindPosting(NpgsqlParameterCollection parameters, Posting? posting, PostingLine[] lines, string? idempotencyKey, DateTimeOffset at)
    {
        var leaf = posting is null ? null : AuditLeaf.Posting(posting, lines, at);
        parameters.AddText("audit_kind", AuditKinds.Posting);
        parameters.AddText("audit_head", leaf?.Head ?? "");
        parameters.AddText("audit_tail", leaf?.Tail ?? "");
        parameters.AddTextArray("accounts", Array.ConvertAll(lines, l => l.Account));
        parameters.AddTextArray("currencies", Array.ConvertAll(lines, l => l.Currency));
        parameters.AddLongArray("amounts", Array.ConvertAll(lines, l => l.Amount));
        parameters.AddBoolArray("floors", Array.ConvertAll(lines, l => Accounts.FloorsAtZero(l.Account)));
        parameters.AddText("posting_kind", posting?.Kind);
        parameters.AddText("posting_tenant", posting?.Tenant);
        parameters.AddText("posting_order", posting?.OrderId);
        parameters.AddText("memo", posting?.Memo);
        parameters.AddText("posting_key", idempotencyKey);
    }

    // The guarded debits all matched, or the statement is rolled back: locked balances that
    // covered them cannot fall short, so a mismatch is a bug, never a partial posting.
    private static void CheckDebits(long debited, int expected, Posting posting)
    {
        if (debited != expected)
        {
            throw new InvalidOperationException($"posting {posting.Kind} debited {debited} of its {expected} floor-zero accounts; rolled back");
        }
    }

    private static bool IsKeyRace(PostgresException error, string index, int attempt) =>
        attempt < 3 && error.SqlState == UniqueViolation && error.ConstraintName == index;

    private static async Task QueryAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Constant SQL.
        var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await using (command.ConfigureAwait(false))
        {
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
