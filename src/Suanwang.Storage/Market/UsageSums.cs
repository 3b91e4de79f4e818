namespace Suanwang.Storage.Market;

/// <summary>Sums runs as <see cref="IUsageStore.SumUsageInPeriodAsync"/> does, in memory.</summary>
public static class UsageSums
{
    /// <summary>The runs summed per UTC day of their end, site and pool, in that order.</summary>
    public static IReadOnlyList<UsageSum> Of(IEnumerable<UsageRecord> usage) =>
        usage
            .GroupBy(u => (Day: DateOnly.FromDateTime(u.EndedAt.UtcDateTime), u.Site, u.Pool))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Site, StringComparer.Ordinal).ThenBy(g => g.Key.Pool)
            .Select(g => new UsageSum(
                g.Key.Day, g.Key.Site, g.Key.Pool, g.LongCount(), g.LongCount(u => u.Charge is null),
                g.Sum(u => u.CardHours ?? u.AcceleratorSeconds / 3600.0), g.Sum(u => u.PetaflopHours ?? 0), g.Sum(u => u.Kwh ?? 0), g.Sum(u => u.KgCo2 ?? 0),
                g.Sum(u => u.Charge ?? 0), g.Sum(u => u.Commission ?? 0)))
            .ToList();
}
