using Suanwang.Core.Jobs;
using Suanwang.Core.Market;

namespace Suanwang.ControlPlane.Market;

/// <summary>
/// How much an order holds: the most the job can cost. That is its price per hour (on the
/// dearest pool it may land on, or the quoted one) times its time limit, capped by its budget;
/// a job with neither cannot be ordered, since nothing would bound what it spends.
/// </summary>
public static class Reservations
{
    /// <summary>
    /// Minor units of <paramref name="baseCurrency"/> to reserve, rounded up, or an error naming the
    /// field at fault. <paramref name="hourly"/> is the base-currency cost of one hour of the job.
    /// </summary>
    public static (long Amount, string? Field, string? Error) For(JobSpec spec, decimal hourly, Func<string, decimal?> rateToBase, string baseCurrency)
    {
        try
        {
            return Size(spec, hourly, rateToBase, baseCurrency);
        }
        catch (OverflowException)
        {
            // The spec's bounds keep this out of reach of any sane price; a refusal beats a 500 if a site's price is not sane.
            return (0, BoundingField(spec), "the most this job can cost is more than an order can hold; lower its time_limit or budget");
        }
    }

    private static (long Amount, string? Field, string? Error) Size(JobSpec spec, decimal hourly, Func<string, decimal?> rateToBase, string baseCurrency)
    {
        decimal? cap = null;
        if (spec.Budget is { } budget)
        {
            if (rateToBase(budget.Currency) is not { } rate)
            {
                return (0, "budget", $"no published rate from {budget.Currency} to {baseCurrency}");
            }

            cap = budget.Amount * rate;
        }

        decimal? most = spec.TimeLimitSeconds is { } limit ? hourly * (decimal)limit / 3600m : null;
        var amount = (most, cap) switch
        {
            (null, null) => (decimal?)null,
            (null, { } c) => c,
            ({ } m, null) => m,
            ({ } m, { } c) => Math.Min(m, c),
        };

        if (amount is null)
        {
            return (0, "time_limit", "an order holds the most its job can cost, so the job needs a time_limit or a budget");
        }

        var minor = RoundUp(amount.Value, baseCurrency);
        return minor > 0 ? (minor, null, null)
            : hourly <= 0 ? (0, "resources", "every site that can run this job charges 0 per hour, so an order has nothing to pay for; submit the job directly, or give the site a price")
            : (0, BoundingField(spec), "the job would cost nothing to reserve; a paid order needs a time limit or budget worth at least one minor unit");
    }

    // The field that bounds what the job can cost: its budget when it has one, else its time limit.
    private static string BoundingField(JobSpec spec) => spec.Budget is null ? "time_limit" : "budget";

    private static long RoundUp(decimal amount, string currency)
    {
        var scale = MinorUnits.ToDecimal(1, currency);
        return decimal.ToInt64(decimal.Ceiling(amount / scale));
    }
}
