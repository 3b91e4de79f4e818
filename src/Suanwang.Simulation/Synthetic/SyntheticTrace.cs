using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Synthetic;

/// <summary>
/// Generates a Philly-like trace of any size: Poisson arrivals, log-normal run times (median
/// about 20 minutes on the reference model), mostly one-card jobs with some gangs.
/// </summary>
public static class SyntheticTrace
{
    private static readonly int[] s_cards = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 4, 4, 8, 16];
    private static readonly string[] s_noModels = [];

    /// <summary>
    /// <paramref name="jobs"/> jobs from <paramref name="tenants"/> tenants arriving at <paramref name="arrivalsPerHour"/>
    /// on average; run times are on <paramref name="referenceModel"/>.
    /// </summary>
    public static Trace Create(int jobs, double arrivalsPerHour, int tenants, int seed, string referenceModel = "V100-32GB")
    {
        var random = new Random(seed);
        var tenantNames = Enumerable.Range(0, tenants).Select(t => $"tenant-{t:D3}").ToArray();
        var list = new TraceJob[jobs];
        var t = 0.0;
        var meanGap = 3600.0 / arrivalsPerHour;
        for (var i = 0; i < jobs; i++)
        {
            t += -meanGap * Math.Log(1.0 - random.NextDouble());
            var normal = Math.Sqrt(-2 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var runtime = Math.Clamp(Math.Exp(7.1 + (1.6 * normal)), 10, 14 * 86400);
            list[i] = new TraceJob($"job-{i}", t, runtime, s_cards[random.Next(s_cards.Length)], tenantNames[random.Next(tenants)], s_noModels);
        }

        return new Trace("synthetic", "synthetic", referenceModel, list, new Dictionary<string, int>());
    }
}
