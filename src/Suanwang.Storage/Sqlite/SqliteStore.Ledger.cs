using Microsoft.Data.Sqlite;
using Suanwang.Core.Audit;
using Suanwang.Core.Market;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task<PostResult> PostAsync(Posting posting, string? idempotencyKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var lines = PostingRules.Check(posting);
        return WriteAsync(session =>
        {
            if (idempotencyKey is not null)
            {
                var prior = session.Command("SELECT id FROM postings WHERE coalesce(tenant, '') = @scope AND idempotency_key = @key");
                prior.Bind("@scope", PostingRules.Scope(posting));
                prior.Bind("@key", idempotencyKey);
                if (prior.ExecuteScalar() is long first)
                {
                    return new PostResult(first, Replayed: true, Insufficient: false);
                }
            }

            // Found, not thrown: an exception would make the group commit run its batch again write by write.
            if (!HasFunds(session, lines))
            {
                return new PostResult(0, Replayed: false, Insufficient: true);
            }

            return new PostResult(ApplyPosting(session, posting, lines, idempotencyKey, at), Replayed: false, Insufficient: false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<LedgerCheck> VerifyLedgerAsync(CancellationToken cancellationToken) => ReadAsync(session =>
    {
        var problems = new LedgerProblems();
        session.BeginRead();
        try
        {
            problems.Postings = (long)session.Command("SELECT count(*) FROM postings").ExecuteScalar()!;
            problems.Lines = (long)session.Command("SELECT count(*) FROM posting_lines").ExecuteScalar()!;
            using (var reader = session.Command(
                "SELECT posting_id, currency, sum(amount) FROM posting_lines GROUP BY posting_id, currency HAVING sum(amount) <> 0 ORDER BY posting_id, currency").ExecuteReader())
            {
                while (reader.Read())
                {
                    problems.Unbalanced(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2));
                }
            }

            using (var reader = session.Command(
                "SELECT p.id, count(l.posting_id) FROM postings p LEFT JOIN posting_lines l ON l.posting_id = p.id GROUP BY p.id HAVING count(l.posting_id) < 2 ORDER BY p.id").ExecuteReader())
            {
                while (reader.Read())
                {
                    problems.TooFewLines(reader.GetInt64(0), reader.GetInt64(1));
                }
            }

            using (var reader = session.Command(
                "WITH sums AS (SELECT account, currency, sum(amount) AS total FROM posting_lines GROUP BY account, currency) " +
                "SELECT a.id, a.currency, a.balance, coalesce(s.total, 0) FROM accounts a LEFT JOIN sums s ON s.account = a.id AND s.currency = a.currency " +
                "WHERE a.balance <> coalesce(s.total, 0) " +
                "UNION ALL SELECT s.account, s.currency, NULL, s.total FROM sums s " +
                "WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.account AND a.currency = s.currency) ORDER BY 1, 2").ExecuteReader())
            {
                while (reader.Read())
                {
                    problems.BalanceDiffers(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetInt64(3));
                }
            }

            using (var reader = session.Command("SELECT id, currency, balance FROM accounts WHERE floor_zero <> 0 AND balance < 0 ORDER BY id, currency").ExecuteReader())
            {
                while (reader.Read())
                {
                    problems.Negative(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
                }
            }
        }
        finally
        {
            session.Rollback();
        }

        return problems.Result();
    }, cancellationToken);

    // Whether every floor-zero account the lines take from holds enough. Inside the write
    // transaction, which holds the database's write lock, nothing can change the answer before
    // the posting is applied.
    private static bool HasFunds(SqliteSession session, PostingLine[] lines)
    {
        foreach (var line in lines)
        {
            if (!PostingRules.IsFloorDebit(line))
            {
                continue;
            }

            var select = session.Command("SELECT balance FROM accounts WHERE id = @id AND currency = @currency");
            select.Bind("@id", line.Account);
            select.Bind("@currency", line.Currency);
            if ((select.ExecuteScalar() as long? ?? 0) + line.Amount < 0)
            {
                return false;
            }
        }

        return true;
    }

    // Appends the posting and moves the balances; returns the posting's id. A floor-zero debit is
    // a guarded UPDATE: should it find too little (the caller did not check, or a bug), it throws
    // and the transaction rolls back rather than write a posting whose money did not move. The
    // posting's audit entry commits with it.
    private static long ApplyPosting(SqliteSession session, Posting posting, PostingLine[] lines, string? idempotencyKey, DateTimeOffset at)
    {
        var time = SqliteValues.Time(at);
        var insert = session.Command(
            "INSERT INTO postings (at, kind, tenant, order_id, memo, idempotency_key) VALUES (@at, @kind, @tenant, @order, @memo, @key) RETURNING id");
        insert.Bind("@at", time);
        insert.Bind("@kind", posting.Kind);
        insert.Bind("@tenant", posting.Tenant);
        insert.Bind("@order", posting.OrderId);
        insert.Bind("@memo", posting.Memo);
        insert.Bind("@key", idempotencyKey);
        var id = (long)insert.ExecuteScalar()!;
        foreach (var line in lines)
        {
            var add = session.Command("INSERT INTO posting_lines (posting_id, account, currency, amount, at, kind) VALUES (@posting, @account, @currency, @amount, @at, @kind)");
            add.Bind("@posting", id);
            add.Bind("@at", time);
            add.Bind("@kind", posting.Kind);
            add.Bind("@account", line.Account);
            add.Bind("@currency", line.Currency);
            add.Bind("@amount", line.Amount);
            add.ExecuteNonQuery();

            SqliteCommand move;
            if (PostingRules.IsFloorDebit(line))
            {
                move = session.Command("UPDATE accounts SET balance = balance + @amount WHERE id = @account AND currency = @currency AND balance + @amount >= 0");
            }
            else
            {
                move = session.Command(
                    "INSERT INTO accounts (id, currency, balance, floor_zero) VALUES (@account, @currency, @amount, @floor) " +
                    "ON CONFLICT (id, currency) DO UPDATE SET balance = balance + excluded.balance");
                move.Bind("@floor", Accounts.FloorsAtZero(line.Account) ? 1 : 0);
            }

            move.Bind("@account", line.Account);
            move.Bind("@currency", line.Currency);
            move.Bind("@amount", line.Amount);
            if (move.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException($"account {line.Account} holds less than the {-line.Amount} {line.Currency} posting {posting.Kind} takes from it");
            }
        }

        InsertAuditEntry(session, AuditKinds.Posting, posting.Tenant, AuditLeaf.Posting(posting, lines, at).Fill(id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return id;
    }
}
