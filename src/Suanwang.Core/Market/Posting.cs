namespace Suanwang.Core.Market;

/// <summary>
/// One balanced movement of money in the ledger: in every currency its lines sum to zero, so
/// money is only ever moved between accounts, never made or lost.
/// </summary>
/// <param name="Kind">What it records (see <see cref="PostingKinds"/>).</param>
/// <param name="Tenant">The tenant it concerns, if any.</param>
/// <param name="OrderId">The order it belongs to, if any.</param>
/// <param name="Memo">A line a person can read on a statement.</param>
/// <param name="Lines">At least two lines.</param>
public sealed record Posting(string Kind, string? Tenant, string? OrderId, string Memo, IReadOnlyList<PostingLine> Lines)
{
    /// <summary>
    /// A posting after checking it: at least two lines, no zero amount, each account and currency
    /// once, and the amounts of each currency summing to zero. Throws <see cref="ArgumentException"/> otherwise.
    /// </summary>
    public static Posting Create(string kind, string? tenant, string? orderId, string memo, IReadOnlyList<PostingLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count < 2)
        {
            throw new ArgumentException("a posting needs at least two lines", nameof(lines));
        }

        var seen = new HashSet<(string, string)>();
        foreach (var line in lines)
        {
            if (line.Amount == 0)
            {
                throw new ArgumentException($"line for {line.Account} has a zero amount", nameof(lines));
            }

            if (!seen.Add((line.Account, line.Currency)))
            {
                throw new ArgumentException($"account {line.Account} appears twice in {line.Currency}", nameof(lines));
            }
        }

        if (!IsBalanced(lines))
        {
            throw new ArgumentException("the lines of a posting must sum to zero in each currency", nameof(lines));
        }

        return new Posting(kind, tenant, orderId, memo, lines);
    }

    /// <summary>Whether the amounts of each currency sum to zero.</summary>
    public static bool IsBalanced(IEnumerable<PostingLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            sums[line.Currency] = checked(sums.GetValueOrDefault(line.Currency) + line.Amount);
        }

        return sums.Values.All(sum => sum == 0);
    }
}
