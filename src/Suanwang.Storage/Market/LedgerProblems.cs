using System.Globalization;
using Suanwang.Core.Market;

namespace Suanwang.Storage.Market;

/// <summary>Collects what a ledger check finds, in the same words for both stores.</summary>
internal sealed class LedgerProblems
{
    private const int Max = 999;

    private readonly List<string> _problems = [];
    private long _more;

    /// <summary>Postings counted.</summary>
    public long Postings { get; set; }

    /// <summary>Lines counted.</summary>
    public long Lines { get; set; }

    /// <summary>A posting whose lines in a currency do not sum to zero.</summary>
    public void Unbalanced(long postingId, string currency, long sum) =>
        Add($"posting {postingId} does not balance in {currency}: its lines sum to {Money(sum, currency)}");

    /// <summary>A posting with fewer than two lines.</summary>
    public void TooFewLines(long postingId, long lines) =>
        Add(string.Create(CultureInfo.InvariantCulture, $"posting {postingId} has {lines} line(s); a posting needs at least two"));

    /// <summary>An account whose stored balance is not the sum of its lines (a null balance: no account row).</summary>
    public void BalanceDiffers(string account, string currency, long? balance, long lines) =>
        Add(balance is { } stored
            ? $"account {account} has balance {Money(stored, currency)} but its lines sum to {Money(lines, currency)}"
            : $"account {account} has lines summing to {Money(lines, currency)} but no balance");

    /// <summary>A floor-zero account below zero.</summary>
    public void Negative(string account, string currency, long balance) =>
        Add($"account {account} may not go below zero but holds {Money(balance, currency)}");

    /// <summary>The outcome.</summary>
    public LedgerCheck Result()
    {
        var problems = new List<string>(_problems);
        if (_more > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"... and {_more} more problem(s)"));
        }

        return new LedgerCheck(problems.Count == 0, Postings, Lines, problems);
    }

    private static string Money(long minor, string currency) => $"{MinorUnits.Format(minor, currency)} {currency}";

    private void Add(string problem)
    {
        if (_problems.Count < Max)
        {
            _problems.Add(problem);
        }
        else
        {
            _more++;
        }
    }
}
