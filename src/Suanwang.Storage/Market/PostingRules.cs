using Suanwang.Core.Market;

namespace Suanwang.Storage.Market;

/// <summary>The checks a posting passes before either store writes it, whoever built it.</summary>
internal static class PostingRules
{
    /// <summary>
    /// The posting's lines sorted by account and currency (the order both stores lock and write
    /// accounts in, so concurrent postings cannot deadlock on each other's rows).
    /// </summary>
    /// <exception cref="ArgumentException">A kind not in <see cref="PostingKinds.All"/>, fewer than two lines, a zero amount, an account twice in a currency, a bad currency code, or lines that do not sum to zero per currency.</exception>
    public static PostingLine[] Check(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        ArgumentException.ThrowIfNullOrWhiteSpace(posting.Kind, nameof(posting));
        if (!PostingKinds.All.Contains(posting.Kind, StringComparer.Ordinal))
        {
            throw new ArgumentException($"posting kind '{posting.Kind}' is not one of {string.Join(", ", PostingKinds.All)}", nameof(posting));
        }

        ArgumentNullException.ThrowIfNull(posting.Memo, nameof(posting));
        ArgumentNullException.ThrowIfNull(posting.Lines, nameof(posting));
        foreach (var line in posting.Lines)
        {
            ArgumentNullException.ThrowIfNull(line, nameof(posting));
            ArgumentException.ThrowIfNullOrWhiteSpace(line.Account, nameof(posting));
            if (!Currencies.IsCode(line.Currency))
            {
                throw new ArgumentException($"line for {line.Account} has currency '{line.Currency}', not an ISO 4217 code", nameof(posting));
            }
        }

        // Create applies the ledger's rules: at least two lines, none zero, pairs distinct, balanced.
        var checkedPosting = Posting.Create(posting.Kind, posting.Tenant, posting.OrderId, posting.Memo, posting.Lines);
        var lines = checkedPosting.Lines.ToArray();
        Array.Sort(lines, static (a, b) =>
        {
            var byAccount = string.CompareOrdinal(a.Account, b.Account);
            return byAccount != 0 ? byAccount : string.CompareOrdinal(a.Currency, b.Currency);
        });
        return lines;
    }

    /// <summary>Whether the line takes money from a floor-zero account: one the store must find enough in first.</summary>
    public static bool IsFloorDebit(PostingLine line) => line.Amount < 0 && Accounts.FloorsAtZero(line.Account);

    /// <summary>Lines that take money from floor-zero accounts.</summary>
    public static int FloorDebits(PostingLine[] lines)
    {
        var count = 0;
        foreach (var line in lines)
        {
            if (IsFloorDebit(line))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The idempotency scope of a posting: its tenant, or "" for postings of no tenant.</summary>
    public static string Scope(Posting posting) => posting.Tenant ?? "";
}
