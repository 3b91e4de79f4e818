using Suanwang.Core.Market;
using Suanwang.Core.Sites;
using Suanwang.Protocol.Market;
using Suanwang.Storage;
using Suanwang.Storage.Market;
using Suanwang.Storage.Tokens;

namespace Suanwang.ControlPlane.Statements;

/// <summary>Builds a tenant's or a provider's statement for a period from the ledger and the metered usage.</summary>
public static partial class StatementBuilder
{
    /// <summary>A tenant's statement: its runs, and the movements of its wallet and hold.</summary>
    public static async Task<StatementView> ForTenantAsync(IStore store, string tenant, DateTimeOffset from, DateTimeOffset to, string currency, Func<string, Site?> siteOf, CancellationToken cancellationToken)
    {
        var usage = await store.ListUsageInPeriodAsync(tenant, null, from, to, cancellationToken).ConfigureAwait(false);
        var prefix = $"tenant:{tenant}:";
        var (lines, opening, closing) = await MovementsAsync(store, prefix, from, to, currency, cancellationToken).ConfigureAwait(false);
        long topUps = 0;
        long refunds = 0;
        foreach (var line in lines.Where(l => l.Account == Accounts.Wallet(tenant)))
        {
            topUps += line.Kind == PostingKinds.TopUp ? line.Amount : 0;
            refunds += line.Kind == PostingKinds.Refund ? line.Amount : 0;
        }

        var tokens = await store.ListTokenUsageAsync(tenant, from, to, cancellationToken).ConfigureAwait(false);
        return Build("tenant", tenant, from, to, currency, opening, closing, usage, lines, siteOf, topUps, refunds, 0) with { Tokens = TokenLines(tokens, currency) };
    }

    /// <summary>A provider's statement: runs on the sites it owns, and the movements of what it is owed.</summary>
    public static async Task<StatementView> ForProviderAsync(IStore store, string owner, IReadOnlyCollection<string> sites, DateTimeOffset from, DateTimeOffset to, string currency, Func<string, Site?> siteOf, CancellationToken cancellationToken)
    {
        var usage = sites.Count == 0 ? [] : await store.ListUsageInPeriodAsync(null, sites, from, to, cancellationToken).ConfigureAwait(false);
        var (lines, opening, closing) = await MovementsAsync(store, Accounts.Payable(owner), from, to, currency, cancellationToken).ConfigureAwait(false);
        var payouts = -lines.Where(l => l.Kind == PostingKinds.Payout).Sum(l => l.Amount);
        var tokens = (await store.ListTokenUsageAsync(null, from, to, cancellationToken).ConfigureAwait(false)).Where(t => t.Owner == owner).ToList();
        return Build("provider", owner, from, to, currency, opening, closing, usage, lines, siteOf, 0, 0, payouts) with { Tokens = TokenLines(tokens, currency) };
    }

    /// <summary>Token usage summed per model and site, the exact cost in nanos shown to nine places.</summary>
    private static List<TokenUsageView> TokenLines(IReadOnlyList<TokenUsageRecord> records, string currency) =>
        records
            .Where(r => r.Currency == currency)
            .GroupBy(r => (r.Model, r.Site))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Site, StringComparer.Ordinal)
            .Select(g => new TokenUsageView(
                g.Key.Model, g.Key.Site, g.LongCount(), g.Sum(r => r.PromptTokens), g.Sum(r => r.CachedTokens), g.Sum(r => r.CompletionTokens),
                (g.Sum(r => r.CostNanos) / 1_000_000_000m).ToString("0.000000000", System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    private static async Task<(IReadOnlyList<LedgerLine> Lines, long Opening, long Closing)> MovementsAsync(
        IStore store, string prefix, DateTimeOffset from, DateTimeOffset to, string currency, CancellationToken cancellationToken)
    {
        var lines = (await store.ListLinesAsync(prefix, from, to, cancellationToken).ConfigureAwait(false)).Where(l => l.Currency == currency).ToList();
        var later = await store.ListLinesAsync(prefix, to, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false);
        var now = (await store.ListBalancesAsync(prefix, cancellationToken).ConfigureAwait(false)).Where(b => b.Currency == currency).Sum(b => b.Balance);
        var closing = now - later.Where(l => l.Currency == currency).Sum(l => l.Amount);
        return (lines, closing - lines.Sum(l => l.Amount), closing);
    }

    private static StatementView Build(
        string subject, string id, DateTimeOffset from, DateTimeOffset to, string currency, long opening, long closing,
        IReadOnlyList<UsageRecord> usage, IReadOnlyList<LedgerLine> lines, Func<string, Site?> siteOf, long topUps, long refunds, long payouts)
    {
        var views = new List<UsageLineView>(usage.Count);
        double cardHours = 0, petaflopHours = 0, kwh = 0, co2 = 0;
        long charges = 0, commission = 0;
        var unsettled = 0;
        foreach (var u in usage)
        {
            var hours = u.CardHours ?? u.AcceleratorSeconds / 3600.0;
            views.Add(UsageLine(u, siteOf, currency));
            cardHours += hours;
            petaflopHours += u.PetaflopHours ?? 0;
            kwh += u.Kwh ?? 0;
            co2 += u.KgCo2 ?? 0;
            charges += u.Charge ?? 0;
            commission += u.Commission ?? 0;
            unsettled += u.Charge is null ? 1 : 0;
        }

        var movements = lines.Select(l => Movement(l, currency)).ToList();
        var net = subject == "provider" ? charges - commission : charges;
        var totals = new StatementTotals(
            cardHours, petaflopHours, kwh, co2,
            MinorUnits.Format(charges, currency), MinorUnits.Format(commission, currency), MinorUnits.Format(net, currency),
            MinorUnits.Format(topUps, currency), MinorUnits.Format(refunds, currency), MinorUnits.Format(payouts, currency), unsettled);
        return new StatementView(subject, id, from, to, currency, MinorUnits.Format(opening, currency), MinorUnits.Format(closing, currency), views, movements, totals);
    }

    /// <summary>A metered run as a statement shows it: the model of its pool, card-hours (metered, else accelerator-seconds / 3600), charge in <paramref name="currency"/>.</summary>
    public static UsageLineView UsageLine(UsageRecord u, Func<string, Site?> siteOf, string currency)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(siteOf);
        var site = siteOf(u.Site);
        var model = site is not null && u.Pool >= 0 && u.Pool < site.Pools.Count ? site.Pools[u.Pool].Model.Id : null;
        return new UsageLineView(
            u.JobId, u.Fence, u.Tenant, u.Site, model, u.Cards, u.Spot, u.StartedAt, u.EndedAt, u.Outcome,
            u.CardHours ?? u.AcceleratorSeconds / 3600.0, u.PetaflopHours ?? 0, u.Kwh ?? 0, u.KgCo2 ?? 0,
            u.Price?.ToString(System.Globalization.CultureInfo.InvariantCulture), u.PriceCurrency,
            u.Charge is { } c ? MinorUnits.Format(c, currency) : null,
            u.Commission is { } k ? MinorUnits.Format(k, currency) : null);
    }

    /// <summary>A ledger line as a statement's movement, its amount in <paramref name="currency"/>.</summary>
    public static MovementView Movement(LedgerLine l, string currency)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new MovementView(l.PostingId, l.At, l.Kind, l.OrderId, l.Memo, l.Account, MinorUnits.Format(l.Amount, currency));
    }
}
