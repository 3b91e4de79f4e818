using System.Globalization;
using System.Text;

namespace Suanwang.ControlPlane.Bench;

/// <summary>
/// The varied network and workload of the quote benchmark, from a fixed seed: sites of one to three
/// pools in eight models, prices around each model's level (a tenth of the pools in USD), eight
/// jurisdictions, three tiers, constant or daily carbon; load jobs of 1 to 8 cards per node (some
/// gangs of two or three nodes) on one to three models; and the specs that are quoted and ordered.
/// </summary>
internal static class QuoteNetwork
{
    /// <summary>CNY per USD, published by the bench's server for the USD pools.</summary>
    public const decimal UsdRate = 7.10m;

    private static readonly (string Model, decimal Price)[] s_models =
    [
        ("Ascend-910B", 12m), ("A100-80GB", 14m), ("H20", 9m), ("H100-SXM", 22m),
        ("H200", 26m), ("MLU590", 8m), ("A10", 3m), ("V100-32GB", 5m),
    ];

    private static readonly string[] s_jurisdictions = ["CN", "CN", "CN", "CN", "CN:tianjin-ftz", "CN:hainan-ftz", "KZ", "UZ", "RU", "PK", "SG", "AE"];
    private static readonly int[] s_cards = [1, 2, 4, 8, 8, 8];
    private static readonly int[] s_gangs = [1, 1, 1, 1, 2, 2, 2, 3];
    private static readonly string[] s_tiers = ["core", "hub", "hub", "edge", "edge", "edge"];

    /// <summary>Site <paramref name="index"/> in the network file's site format.</summary>
    public static string Site(int index)
    {
        var random = new Random(1_000_003 + index);
        var jurisdiction = s_jurisdictions[random.Next(s_jurisdictions.Length)];
        var country = jurisdiction[..2].ToLowerInvariant();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"id: {country}-site-{index:0000}");
        text.AppendLine(CultureInfo.InvariantCulture, $"owner: Bench Provider {index % 37}");
        text.AppendLine(CultureInfo.InvariantCulture, $"jurisdiction: {jurisdiction}");
        text.AppendLine(CultureInfo.InvariantCulture, $"tier: {s_tiers[random.Next(s_tiers.Length)]}");
        text.AppendLine(CultureInfo.InvariantCulture, $"location: {{ lat: {random.Next(-60, 70)}, lon: {random.Next(-170, 180)} }}");
        if (index % 5 == 0)
        {
            var low = random.Next(50, 400);
            text.AppendLine("carbon:");
            text.AppendLine("  period_hours: 24");
            text.AppendLine("  points:");
            text.AppendLine(CultureInfo.InvariantCulture, $"    - {{ at_hour: 0, gco2_per_kwh: {low + 300} }}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    - {{ at_hour: 10, gco2_per_kwh: {low} }}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    - {{ at_hour: 16, gco2_per_kwh: {low + 300} }}");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"carbon: {random.Next(30, 900)}");
        }

        text.AppendLine("pools:");
        var pools = 1 + random.Next(3);
        for (var p = 0; p < pools; p++)
        {
            var (model, level) = s_models[random.Next(s_models.Length)];
            var price = decimal.Round(level * (0.7m + (decimal)random.NextDouble() * 0.6m), 2);
            var usd = random.Next(10) == 0;
            if (usd)
            {
                price = decimal.Round(price / UsdRate, 2);
            }

            var spot = decimal.Round(price * 0.4m, 2);
            var currency = usd ? ", currency: USD" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {{ model: {model}, cards_per_node: {(random.Next(4) == 0 ? 4 : 8)}, nodes: {1 + random.Next(4)}, price: {price}, spot_price: {spot}{currency} }}");
        }

        return text.ToString();
    }

    /// <summary>Load job <paramref name="index"/> for <paramref name="tenant"/>: 1 to 8 cards per node; half the jobs take 8, and half of those are gangs of two or three nodes.</summary>
    public static string LoadJob(string tenant, int index)
    {
        var random = new Random(7_000_003 + index);
        var models = string.Join(", ", Enumerable.Range(0, 1 + random.Next(3)).Select(_ => s_models[random.Next(s_models.Length)].Model).Distinct());
        var cards = s_cards[random.Next(s_cards.Length)];
        var nodes = cards == 8 ? s_gangs[random.Next(s_gangs.Length)] : 1;
        return string.Create(CultureInfo.InvariantCulture, $"""
            name: load-{index}
            tenant: {tenant}
            run: echo load
            num_nodes: {nodes}
            resources:
              accelerators: [{models}]
              cards: {cards}
            estimated_runtime: {1 + random.Next(10)}h
            priority: {random.Next(5)}
            """);
    }

    /// <summary>The specs quoted in turn: one model, any model, P in CN with a budget, and spot gangs on NVIDIA.</summary>
    public static IReadOnlyList<string> QuoteSpecs(string tenant) =>
    [
        $"""
        name: quote-ascend
        tenant: {tenant}
        run: python train.py
        resources:
          accelerators: [Ascend-910B]
          cards: 8
        estimated_runtime: 2h
        time_limit: 4h
        """,
        $"""
        name: quote-any
        tenant: {tenant}
        run: python eval.py
        resources:
          cards: 2
        estimated_runtime: 1h
        time_limit: 2h
        """,
        $"""
        name: quote-pflops-cn
        tenant: {tenant}
        run: python pretrain.py
        resources:
          pflops: 2.0
        estimated_runtime: 4h
        time_limit: 8h
        budget: {"{"} amount: 5000.00, currency: CNY {"}"}
        allowed_jurisdictions: CN
        """,
        $"""
        name: quote-gang-spot
        tenant: {tenant}
        run: torchrun train.py
        num_nodes: 2
        resources:
          accelerators: [H100-SXM, H200, A100-80GB]
          cards: 8
        estimated_runtime: 6h
        time_limit: 12h
        spot: true
        """,
    ];

    /// <summary>The spec ordered: one card of Ascend-910B or H20 for half an hour, at most an hour.</summary>
    public static string OrderSpec(string tenant) => $"""
        name: order-bench
        tenant: {tenant}
        run: echo paid
        resources:
          accelerators: [Ascend-910B, H20]
          cards: 1
        estimated_runtime: 30m
        time_limit: 1h
        """;
}
