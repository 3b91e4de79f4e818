using Suanwang.Core.Accelerators;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Scheduling.Tests.Queue;

/// <summary>Hand-built requests for queue tests: a card count laid out by each pool, a run time that does not scale, no limits.</summary>
internal static class Requests
{
    /// <summary>A job of <paramref name="cards"/> cards running <paramref name="runtime"/> seconds on any model, or only on <paramref name="model"/>.</summary>
    public static PlacementRequest Job(
        long id,
        int cards,
        double runtime = 3600,
        int tenant = 0,
        int priority = 0,
        bool spot = false,
        string? model = null,
        double submit = 0,
        bool preemptible = false) => new()
        {
            JobId = id,
            Tenant = tenant,
            TotalCards = cards,
            ModelMask = model is null ? ulong.MaxValue : 1UL << AcceleratorCatalog.Default.IndexOf(model),
            RuntimeSeconds = runtime,
            ScaleRuntime = false,
            TimeLimitSeconds = double.PositiveInfinity,
            Budget = double.PositiveInfinity,
            AllowedCountries = CountrySet.All,
            Priority = priority,
            Spot = spot,
            Preemptible = preemptible,
            SubmitTime = submit,
        };
}
