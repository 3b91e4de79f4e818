using Suanwang.Core.Market;

namespace Suanwang.Storage.Tokens;

/// <summary>
/// What one billing pass writes, worked out the same way for both dialects: per tenant, model,
/// owner and currency, due = carry + the records' exact costs; posted = the whole minor units of
/// due, at most what the wallet holds; the new carry = due - posted. So posted + carry = the sum of
/// the exact costs, always, and nothing is made or lost by rounding.
/// </summary>
internal sealed class TokenBillPlan
{
    /// <summary>Nanos in one major unit of a currency.</summary>
    public const long NanosPerUnit = 1_000_000_000;

    private TokenBillPlan(List<Posting> postings, List<TokenCarry> carries, long[] ids, long postedMinor)
    {
        Postings = postings;
        Carries = carries;
        Ids = ids;
        PostedMinor = postedMinor;
    }

    /// <summary>The postings to make, in order.</summary>
    public IReadOnlyList<Posting> Postings { get; }

    /// <summary>The carries after the pass, one per group touched (zero included).</summary>
    public IReadOnlyList<TokenCarry> Carries { get; }

    /// <summary>The records billed.</summary>
    public long[] Ids { get; }

    /// <summary>Minor units posted in all.</summary>
    public long PostedMinor { get; }

    /// <summary>Nanos in one minor unit of <paramref name="currency"/>.</summary>
    public static long NanosPerMinor(string currency) => Currencies.MinorDigits(currency) switch
    {
        0 => NanosPerUnit,
        1 => NanosPerUnit / 10,
        2 => NanosPerUnit / 100,
        _ => NanosPerUnit / 1000,
    };

    /// <summary>Plans the pass over <paramref name="rows"/> and the existing <paramref name="carries"/>, with the wallets' balances in minor units by (tenant, currency).</summary>
    public static TokenBillPlan Make(IReadOnlyList<TokenBillRow> rows, IReadOnlyList<TokenCarry> carries, Dictionary<(string Tenant, string Currency), long> wallets, decimal commissionRate)
    {
        var due = new SortedDictionary<(string Tenant, string Model, string Owner, string Currency), long>();
        foreach (var carry in carries)
        {
            due[(carry.Tenant, carry.Model, carry.Owner, carry.Currency)] = carry.Nanos;
        }

        var ids = new long[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            ids[i] = row.Id;
            var key = (row.Tenant, row.Model, row.Owner, row.Currency);
            due[key] = checked(due.GetValueOrDefault(key) + row.Nanos);
        }

        var postings = new List<Posting>();
        var after = new List<TokenCarry>();
        long posted = 0;
        foreach (var ((tenant, model, owner, currency), nanos) in due)
        {
            var perMinor = NanosPerMinor(currency);
            var wallet = wallets.GetValueOrDefault((tenant, currency));
            var minor = Math.Min(nanos / perMinor, Math.Max(0, wallet));
            if (minor > 0)
            {
                var commission = (long)decimal.Floor(minor * commissionRate);
                postings.Add(Core.Market.Postings.Tokens(tenant, model, new ProviderCharge(owner, minor, commission), currency));
                wallets[(tenant, currency)] = wallet - minor;
                posted += minor;
            }

            after.Add(new TokenCarry(tenant, model, owner, currency, nanos - (minor * perMinor)));
        }

        return new TokenBillPlan(postings, after, ids, posted);
    }
}
