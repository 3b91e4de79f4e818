using Suanwang.Portal.Localization;
using Suanwang.Portal.Pages;
using Suanwang.Protocol.Market;
using Suanwang.Core.Market;
using Suanwang.Storage.Market;
using Suanwang.Storage.Tokens;

namespace Suanwang.Portal.Charts;

/// <summary>
/// The charts of a statement: charges per day, per site and per model (job charges and token
/// costs together), and card-hours and P·h per day. A run counts on the day it ended, a token
/// request on the day it was made, as on the statement itself.
/// </summary>
public static class StatementCharts
{
    /// <summary>Most bars in a chart of sites or models: the largest, then the rest summed in one bar.</summary>
    public const int MaxCategories = 12;

    /// <summary>
    /// Every chart of <paramref name="statement"/>, drawn from its runs summed per day, site and
    /// pool (<paramref name="modelOf"/> names a sum's accelerator model) and its token requests summed.
    /// </summary>
    public static IReadOnlyList<BarChart> Of(StatementView statement, IReadOnlyList<UsageSum> usage, Func<UsageSum, string?> modelOf, IReadOnlyList<TokenSum> tokens, Texts t)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(modelOf);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(t);
        var currency = statement.Currency;
        var days = Days(statement.From, statement.To);
        var spendPerDay = new decimal[days.Count];
        var cardHours = new double[days.Count];
        var petaflopHours = new double[days.Count];
        var perSite = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var perModel = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var u in usage)
        {
            var charge = MinorUnits.ToDecimal(u.Charge, currency);
            if (DayIndex(statement.From, u.Day, days.Count) is { } i)
            {
                spendPerDay[i] += charge;
                cardHours[i] += u.CardHours;
                petaflopHours[i] += u.PetaflopHours;
            }

            Add(perSite, u.Site, charge);
            Add(perModel, modelOf(u) ?? "—", charge);
        }

        foreach (var r in tokens.Where(r => r.Currency == currency))
        {
            var cost = r.CostNanos / 1_000_000_000m;
            if (DayIndex(statement.From, r.Day, days.Count) is { } i)
            {
                spendPerDay[i] += cost;
            }

            Add(perSite, r.Site.Length == 0 ? "—" : r.Site, cost);
            Add(perModel, r.Model, cost);
        }

        string Money(decimal amount) => t.Money(amount, currency);
        return
        [
            new BarChart("spend-day", t["Statement.ChartSpendDay"], t["Statement.Charges"], days.Select((d, i) => new ChartBar(t.Day(d), (double)spendPerDay[i], Money(spendPerDay[i]))).ToList()),
            new BarChart("spend-site", t["Statement.ChartSpendSite"], t["Statement.Charges"], Categories(perSite, t["Statement.Others"], Money)),
            new BarChart("spend-model", t["Statement.ChartSpendModel"], t["Statement.Charges"], Categories(perModel, t["Statement.Others"], Money)),
            new BarChart("card-hours-day", t["Statement.ChartCardHours"], t["Job.CardHours"], days.Select((d, i) => new ChartBar(t.Day(d), cardHours[i], Texts.Number(cardHours[i], 4))).ToList()),
            new BarChart("petaflop-hours-day", t["Statement.ChartPetaflopHours"], t["Job.PetaflopHours"], days.Select((d, i) => new ChartBar(t.Day(d), petaflopHours[i], Texts.Number(petaflopHours[i], 4))).ToList()),
        ];
    }

    /// <summary>The UTC days from <paramref name="from"/> up to <paramref name="to"/> (exclusive).</summary>
    public static IReadOnlyList<DateOnly> Days(DateTimeOffset from, DateTimeOffset to)
    {
        var first = DateOnly.FromDateTime(from.UtcDateTime);
        var last = DateOnly.FromDateTime(to.UtcDateTime.AddTicks(-1));
        var days = new List<DateOnly>();
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            days.Add(d);
        }

        return days;
    }

    private static int? DayIndex(DateTimeOffset from, DateOnly day, int count)
    {
        var i = day.DayNumber - DateOnly.FromDateTime(from.UtcDateTime).DayNumber;
        return i >= 0 && i < count ? i : null;
    }

    private static void Add(Dictionary<string, decimal> sums, string key, decimal amount) =>
        sums[key] = sums.GetValueOrDefault(key) + amount;

    // The largest first; past MaxCategories the rest share one bar, so a chart stays readable.
    private static List<ChartBar> Categories(Dictionary<string, decimal> sums, string others, Func<decimal, string> text)
    {
        var ordered = sums.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var bars = ordered.Take(MaxCategories).Select(p => new ChartBar(Inert.Text(p.Key), (double)p.Value, text(p.Value))).ToList();
        if (ordered.Count > MaxCategories)
        {
            var rest = ordered.Skip(MaxCategories).Sum(p => p.Value);
            bars[^1] = new ChartBar(others, (double)(rest + ordered[MaxCategories - 1].Value), text(rest + ordered[MaxCategories - 1].Value));
        }

        return bars;
    }
}
