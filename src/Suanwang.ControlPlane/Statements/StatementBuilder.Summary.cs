using System.Globalization;
using Suanwang.Core.Market;
using Suanwang.Core.Sites;
using Suanwang.Protocol.Market;
using Suanwang.Storage;
using Suanwang.Storage.Market;
using Suanwang.Storage.Tokens;

namespace Suanwang.ControlPlane.Statements;

// The statement a page shows: the same totals as the full statement, summed in the store, with
// the first rows only, so a period of tens of thousands of runs reads a few grouped rows.
public static partial class StatementBuilder
{
    /// <summary>A tenant's statement with its first <paramref name="rows"/> runs and movements, and the sums of the whole period.</summary>
    public static async Task<StatementSummary> SummaryForTenantAsync(IStore store, string tenant, DateTimeOffset from, DateTimeOffset to, string currency, Func<string, Site?> siteOf, int rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var usage = await store.ListFirstUsageInPeriodAsync(tenant, null, from, to, rows, cancellationToken).ConfigureAwait(false);
        var sums = await store.SumUsageInPeriodAsync(tenant, null, from, to, cancellationToken).ConfigureAwait(false);
        var money = await MoneyAsync(store, $"tenant:{tenant}:", from, to, currency, rows, cancellationToken).ConfigureAwait(false);
        var wallet = Accounts.Wallet(tenant);
        var topUps = money.Sums.Where(s => s.Account == wallet && s.Kind == PostingKinds.TopUp).Sum(s => s.Amount);
        var refunds = money.Sums.Where(s => s.Account == wallet && s.Kind == PostingKinds.Refund).Sum(s => s.Amount);
        var tokens = await store.SumTokenUsageAsync(tenant, null, from, to, cancellationToken).ConfigureAwait(false);
        var view = Build("tenant", tenant, from, to, currency, money.Opening, money.Closing, usage, money.First, siteOf, topUps, refunds, 0);
        return Summary(view, sums, money, tokens, topUps, refunds, 0);
    }

    /// <summary>A provider's statement with its first <paramref name="rows"/> runs and movements, and the sums of the whole period.</summary>
    public static async Task<StatementSummary> SummaryForProviderAsync(IStore store, string owner, IReadOnlyCollection<string> sites, DateTimeOffset from, DateTimeOffset to, string currency, Func<string, Site?> siteOf, int rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sites);
        var usage = sites.Count == 0 ? [] : await store.ListFirstUsageInPeriodAsync(null, sites, from, to, rows, cancellationToken).ConfigureAwait(false);
        var sums = sites.Count == 0 ? [] : await store.SumUsageInPeriodAsync(null, sites, from, to, cancellationToken).ConfigureAwait(false);
        var money = await MoneyAsync(store, Accounts.Payable(owner), from, to, currency, rows, cancellationToken).ConfigureAwait(false);
        var payouts = -money.Sums.Where(s => s.Kind == PostingKinds.Payout).Sum(s => s.Amount);
        var tokens = await store.SumTokenUsageAsync(null, owner, from, to, cancellationToken).ConfigureAwait(false);
        var view = Build("provider", owner, from, to, currency, money.Opening, money.Closing, usage, money.First, siteOf, 0, 0, payouts);
        return Summary(view, sums, money, tokens, 0, 0, payouts);
    }

    private static StatementSummary Summary(StatementView view, IReadOnlyList<UsageSum> sums, Money money, IReadOnlyList<TokenSum> tokens, long topUps, long refunds, long payouts)
    {
        var currency = view.Currency;
        var charges = sums.Sum(s => s.Charge);
        var commission = sums.Sum(s => s.Commission);
        var totals = new StatementTotals(
            sums.Sum(s => s.CardHours), sums.Sum(s => s.PetaflopHours), sums.Sum(s => s.Kwh), sums.Sum(s => s.KgCo2),
            MinorUnits.Format(charges, currency), MinorUnits.Format(commission, currency),
            MinorUnits.Format(view.Subject == "provider" ? charges - commission : charges, currency),
            MinorUnits.Format(topUps, currency), MinorUnits.Format(refunds, currency), MinorUnits.Format(payouts, currency),
            (int)sums.Sum(s => s.Unsettled));
        return new StatementSummary(view with { Totals = totals, Tokens = TokenLines(tokens, currency) }, sums.Sum(s => s.Runs), money.Count, sums, tokens, money.Sums);
    }

    /// <summary>Token requests in <paramref name="currency"/> summed per model and site, the exact cost in nanos shown to nine places.</summary>
    public static IReadOnlyList<TokenUsageView> TokenLines(IReadOnlyList<TokenSum> tokens, string currency) =>
        tokens
            .Where(t => t.Currency == currency)
            .GroupBy(t => (t.Model, t.Site))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Site, StringComparer.Ordinal)
            .Select(g => new TokenUsageView(
                g.Key.Model, g.Key.Site, g.Sum(t => t.Requests), g.Sum(t => t.PromptTokens), g.Sum(t => t.CachedTokens), g.Sum(t => t.CompletionTokens),
                (g.Sum(t => t.CostNanos) / 1_000_000_000m).ToString("0.000000000", CultureInfo.InvariantCulture)))
            .ToList();

    // The subject's balances at both ends of the period, its first movements, and its movements summed.
    private static async Task<Money> MoneyAsync(IStore store, string prefix, DateTimeOffset from, DateTimeOffset to, string currency, int rows, CancellationToken cancellationToken)
    {
        var first = (await store.ListFirstLinesAsync(prefix, from, to, rows, cancellationToken).ConfigureAwait(false)).Where(l => l.Currency == currency).ToList();
        var sums = (await store.SumLinesAsync(prefix, from, to, cancellationToken).ConfigureAwait(false)).Where(s => s.Currency == currency).ToList();
        var later = (await store.SumLinesAsync(prefix, to, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false)).Where(s => s.Currency == currency).Sum(s => s.Amount);
        var now = (await store.ListBalancesAsync(prefix, cancellationToken).ConfigureAwait(false)).Where(b => b.Currency == currency).Sum(b => b.Balance);
        var closing = now - later;
        return new Money(first, sums, sums.Sum(s => s.Lines), closing - sums.Sum(s => s.Amount), closing);
    }

    private sealed record Money(IReadOnlyList<LedgerLine> First, IReadOnlyList<LineSum> Sums, long Count, long Opening, long Closing);
}
