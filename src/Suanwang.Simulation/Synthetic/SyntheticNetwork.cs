using Suanwang.Core.Accelerators;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;

namespace Suanwang.Simulation.Synthetic;

/// <summary>Generates large networks for benchmarks and scale tests: mixed models, countries, tiers, prices and carbon.</summary>
public static class SyntheticNetwork
{
    private static readonly string[] s_countries = ["CN", "KZ", "UZ", "RU", "PK", "IN", "KG", "TJ", "BY", "IR", "SG", "AE"];
    private static readonly (string Model, decimal Price)[] s_models =
    [
        ("H100-SXM", 28m), ("H20", 9m), ("A100-80GB", 16m), ("A100-40GB", 12m), ("Ascend-910B", 11m),
        ("MLU590", 10m), ("V100-32GB", 6m), ("T4", 2.5m), ("A10", 4m), ("H200", 32m),
    ];

    /// <summary>A network of <paramref name="sites"/> sites, each with one or two pools; the same seed gives the same network.</summary>
    public static Network Create(int sites, int seed, AcceleratorCatalog? catalog = null)
    {
        catalog ??= AcceleratorCatalog.Default;
        var random = new Random(seed);
        var list = new List<Site>(sites);
        for (var s = 0; s < sites; s++)
        {
            var country = s_countries[random.Next(s_countries.Length)];
            var poolCount = 1 + (random.NextDouble() < 0.3 ? 1 : 0);
            var pools = new List<AcceleratorPool>(poolCount);
            for (var p = 0; p < poolCount; p++)
            {
                var (model, price) = s_models[random.Next(s_models.Length)];
                var factor = 0.8m + (decimal)(random.NextDouble() * 0.4);
                var onDemand = decimal.Round(price * factor, 2);
                pools.Add(new AcceleratorPool(catalog.Models[catalog.IndexOf(model)], 8, 2 + random.Next(30), onDemand, decimal.Round(onDemand * 0.4m, 2), "CNY"));
            }

            var carbon = 200 + (random.NextDouble() * 600);
            list.Add(new Site(
                $"site-{s:D5}",
                $"owner-{random.Next(Math.Max(1, sites / 4))}",
                new Jurisdiction(country),
                (SiteTier)random.Next(3),
                new GeoLocation((random.NextDouble() * 120) - 60, (random.NextDouble() * 360) - 180),
                new CarbonProfile([new CarbonPoint(0, carbon), new CarbonPoint(10 * 3600, carbon * 0.6), new CarbonPoint(16 * 3600, carbon)], 24 * 3600),
                random.NextDouble(),
                pools,
                1 + (random.NextDouble() * 99),
                new Reliability(2000 + (random.NextDouble() * 6000), 1 + (random.NextDouble() * 5))));
        }

        return new Network($"synthetic-{sites}", "CNY", new Dictionary<string, decimal>(), list, [], catalog);
    }
}
