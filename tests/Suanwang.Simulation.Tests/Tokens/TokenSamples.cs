using Suanwang.Core.Accelerators;
using Suanwang.Core.Networks;
using Suanwang.Simulation.Tokens;

namespace Suanwang.Simulation.Tests.Tokens;

/// <summary>The committed inference trace samples (tests/data/traces), small networks and hand-built traces.</summary>
internal static class TokenSamples
{
    public static string Root { get; } = Locate();

    public static string AzureCode => Path.Combine(Root, "tests", "data", "traces", "azure-llm-2023", "code.csv");

    public static string AzureConv => Path.Combine(Root, "tests", "data", "traces", "azure-llm-2023", "conv.csv");

    public static string Sessions => Path.Combine(Root, "tests", "data", "traces", "token-prefix", "sessions.jsonl");

    public static Network TokensNetwork => NetworkReader.Parse(File.ReadAllText(Path.Combine(Root, "examples", "networks", "tokens-8.yaml")), "tokens-8.yaml", AcceleratorCatalog.Default);

    /// <summary>One site per (id, country, accelerator, cards), at 10 CNY per card-hour and constant carbon.</summary>
    public static Network Sites(params (string Id, string Country, string Model, int Cards)[] sites)
    {
        var yaml = "name: test\ncurrency: CNY\nsites:\n" + string.Concat(sites.Select(s => $"""
              - id: {s.Id}
                owner: o
                jurisdiction: {s.Country}
                tier: core
                carbon: 500
                pools:
                  - {"{"} model: {s.Model}, cards_per_node: {s.Cards}, nodes: 1, price: 10 {"}"}

            """));
        return NetworkReader.Parse(yaml, "test.yaml", AcceleratorCatalog.Default);
    }

    /// <summary>A trace of requests given as (arrival s, input, output, block ids).</summary>
    public static TokenTrace Trace(params (double At, int Input, int Output, ulong[] Blocks)[] requests)
    {
        var starts = new int[requests.Length + 1];
        for (var i = 0; i < requests.Length; i++)
        {
            starts[i + 1] = starts[i] + requests[i].Blocks.Length;
        }

        return new TokenTrace(
            "test",
            [.. requests.Select(r => r.At)],
            [.. requests.Select(r => r.Input)],
            [.. requests.Select(r => r.Output)],
            starts,
            [.. requests.SelectMany(r => r.Blocks)]);
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Suanwang.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Suanwang.slnx in or above {AppContext.BaseDirectory}");
    }
}
