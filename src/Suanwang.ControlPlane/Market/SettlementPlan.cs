using Suanwang.Core.Market;
using Suanwang.Core.Sites;
using Suanwang.Storage.Market;

namespace Suanwang.ControlPlane.Market;

/// <summary>
/// What settling an order writes: each metered run priced at the price in force when it was
/// placed (spot price for spot work) and converted at the published rate, its energy and CO2,
/// and one posting that releases the hold into provider payables, commission and change. The
/// total never exceeds what was reserved: the budget is a cap on what the tenant pays.
/// </summary>
/// <param name="Rows">Figures for each run, in run order.</param>
/// <param name="Posting">The settlement posting.</param>
/// <param name="Charged">Total charge, minor units of the base currency.</param>
public sealed record SettlementPlan(IReadOnlyList<SettledUsage> Rows, Posting Posting, long Charged)
{
    /// <summary>Plans the settlement of <paramref name="order"/> from its job's metered runs.</summary>
    /// <param name="order">An open job order.</param>
    /// <param name="usage">The job's runs.</param>
    /// <param name="siteOf">The registered site by id, or null when it is gone.</param>
    /// <param name="rateToBase">Base-currency units per unit of a currency, or null when no rate is published.</param>
    /// <param name="commissionRate">The platform's share of each charge.</param>
    public static SettlementPlan For(OrderRecord order, IReadOnlyList<UsageRecord> usage, Func<string, Site?> siteOf, Func<string, decimal?> rateToBase, decimal commissionRate)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(usage);
        var digits = Currencies.MinorDigits(order.Currency);
        var rows = new List<SettledUsage>(usage.Count);
        var charges = new List<ProviderCharge>(usage.Count);
        long total = 0;
        foreach (var run in usage)
        {
            var site = siteOf(run.Site);
            var pool = site is not null && run.Pool >= 0 && run.Pool < site.Pools.Count ? site.Pools[run.Pool] : null;
            var rate = run.PriceCurrency is null ? 1m : rateToBase(run.PriceCurrency) ?? 0m;
            UsageCharge metered;
            if (pool is null)
            {
                // The site left the network: charge the recorded price; energy and CO2 are unknown.
                var cardHours = run.AcceleratorSeconds / 3600.0;
                var charge = MinorUnits.Round((decimal)cardHours * (run.Price ?? 0m) * rate, order.Currency);
                metered = new UsageCharge(cardHours, 0, 0, 0, charge, Commission(charge));
            }
            else
            {
                var from = (run.StartedAt ?? run.EndedAt).ToUnixTimeMilliseconds() / 1000.0;
                var to = run.EndedAt.ToUnixTimeMilliseconds() / 1000.0;
                var carbon = to > from ? site!.Carbon.MeanOver(from, to) : site!.Carbon.At(to);
                metered = UsageMeter.Meter(new UsageInput(run.AcceleratorSeconds, pool.Model, run.Price ?? 0m, rate, digits, carbon, commissionRate));
            }

            // The budget caps what the tenant pays: a run beyond it is charged only what is left.
            var chargeable = Math.Min(metered.Charge, order.Reserved - total);
            var commission = chargeable == metered.Charge ? metered.Commission : Commission(chargeable);
            total += chargeable;
            rows.Add(new SettledUsage(run.JobId, run.Fence, metered.CardHours, metered.PetaflopHours, metered.Kwh, metered.KgCo2, chargeable, commission));
            if (chargeable > 0)
            {
                charges.Add(new ProviderCharge(site?.Owner ?? "site:" + run.Site, chargeable, commission));
            }
        }

        return new SettlementPlan(rows, Postings.Settle(order.Tenant, order.Id, order.Reserved, charges, order.Currency), total);

        long Commission(long charge) => MinorUnits.Round(MinorUnits.ToDecimal(charge, order.Currency) * commissionRate, order.Currency);
    }
}
