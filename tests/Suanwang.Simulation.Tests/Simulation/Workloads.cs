using Suanwang.Core.Accelerators;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;
using Suanwang.Simulation.Synthetic;
using Suanwang.Simulation.Tests.Traces;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Tests.Simulation;

/// <summary>Small networks whose sites fail every few hours, and traces to run over them.</summary>
internal static class Workloads
{
    /// <summary>Jobs added to every trace here that no site can run: a model none has, and a gang larger than any pool.</summary>
    public const int Impossible = 2;

    // Four models, three countries, two currencies, a daily carbon profile and a satellite in
    // contact 10 minutes in every 95; each site fails every few hours.
    public const string FederationYaml = """
        name: failing-federation
        currency: CNY
        exchange_rates: { USD: 7.10 }
        sites:
          - id: cn-h100
            owner: o
            jurisdiction: CN
            tier: core
            carbon:
              period_hours: 24
              points:
                - { at_hour: 0, gco2_per_kwh: 640 }
                - { at_hour: 10, gco2_per_kwh: 420 }
                - { at_hour: 16, gco2_per_kwh: 640 }
            reliability: { mtbf_hours: 5, mttr_hours: 0.5 }
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 28, spot_price: 11 }]
          - id: cn-a100
            owner: o
            jurisdiction: CN
            tier: hub
            carbon: 580
            reliability: { mtbf_hours: 4, mttr_hours: 1 }
            pools: [{ model: A100-80GB, cards_per_node: 8, nodes: 3, price: 16, spot_price: 6.4 }]
          - id: kz-v100
            owner: o
            jurisdiction: KZ
            tier: edge
            carbon: 650
            reliability: { mtbf_hours: 6, mttr_hours: 2 }
            pools: [{ model: V100-32GB, cards_per_node: 8, nodes: 2, price: 0.9, spot_price: 0.35, currency: USD }]
          - id: orbit-t4
            owner: o
            jurisdiction: CN
            tier: orbital
            carbon: 0
            reliability: { mtbf_hours: 8, mttr_hours: 3 }
            pools: [{ model: T4, cards_per_node: 4, nodes: 1, price: 40, spot_price: 16 }]
        links:
          - sites: [cn-h100, orbit-t4]
            bandwidth_gbps: 1
            contact: { period_minutes: 95, open_minutes: 10 }
        """;

    // The Pollux testbed's 64 T4 beside an A100 and a V100 site; all fail every few hours.
    public const string PolluxYaml = """
        name: failing-pollux
        currency: USD
        sites:
          - id: us-t4
            owner: o
            jurisdiction: US
            tier: core
            carbon: 370
            reliability: { mtbf_hours: 3, mttr_hours: 0.5 }
            pools: [{ model: T4, cards_per_node: 4, nodes: 16, price: 0.98, spot_price: 0.39 }]
          - id: us-a100
            owner: o
            jurisdiction: US
            tier: hub
            carbon: 370
            reliability: { mtbf_hours: 4, mttr_hours: 1 }
            pools: [{ model: A100-80GB, cards_per_node: 8, nodes: 2, price: 3.2, spot_price: 1.3 }]
          - id: sg-v100
            owner: o
            jurisdiction: SG
            tier: edge
            carbon: 400
            reliability: { mtbf_hours: 5, mttr_hours: 2 }
            pools: [{ model: V100-32GB, cards_per_node: 8, nodes: 2, price: 2.1, spot_price: 0.8 }]
        """;

    private static readonly Lazy<Trace> s_pollux = new(() => WithImpossibleJobs(TraceFile.Read(TracePaths.PolluxWorkload(1), "pollux")));
    private static readonly Lazy<Trace> s_synthetic = new(() => WithImpossibleJobs(SyntheticTrace.Create(jobs: 250, arrivalsPerHour: 40, tenants: 4, seed: 9)));
    private static readonly Lazy<Trace> s_busy = new(() => WithImpossibleJobs(SyntheticTrace.Create(jobs: 300, arrivalsPerHour: 1500, tenants: 5, seed: 21)));

    /// <summary>The names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["federation", "synthetic", "pollux"];

    public static Network Parse(string yaml) => NetworkReader.Parse(yaml, "network.yaml", AcceleratorCatalog.Default);

    /// <summary>A named network and trace: "federation" (inline, with a satellite), "synthetic" (generated) or "pollux" (the real workload 1).</summary>
    public static (Network Network, Trace Trace) Get(string name) => name switch
    {
        "federation" => (Parse(FederationYaml), s_synthetic.Value),
        "synthetic" => (FailingSyntheticNetwork(), s_busy.Value),
        "pollux" => (Parse(PolluxYaml), s_pollux.Value),
        _ => throw new ArgumentException($"no workload {name}", nameof(name)),
    };

    // A generated network whose sites fail every 6 hours instead of every few months.
    private static Network FailingSyntheticNetwork()
    {
        var network = SyntheticNetwork.Create(sites: 3, seed: 4);
        return network with { Sites = network.Sites.Select(s => s with { Reliability = new Reliability(6, 1) }).ToList() };
    }

    private static Trace WithImpossibleJobs(Trace trace)
    {
        var middle = trace.Jobs[trace.Jobs.Count / 2].ArrivalSeconds;
        TraceJob[] extra =
        [
            new("wrong-model", middle, 600, 1, "tenant-x", ["MLU370-X8"]),
            new("too-big", middle, 600, 4096, "tenant-x", []),
        ];
        return trace with { Jobs = trace.Jobs.Concat(extra).OrderBy(j => j.ArrivalSeconds).ToList() };
    }
}
