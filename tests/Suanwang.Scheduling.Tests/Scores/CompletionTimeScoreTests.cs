using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Scores;

namespace Suanwang.Scheduling.Tests.Scores;

public sealed class CompletionTimeScoreTests
{
    private const string Network = """
        name: transfer
        currency: CNY
        sites:
          - id: home
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 25 }]
          - id: away
            owner: o
            jurisdiction: CN
            tier: hub
            carbon: 500
            uplink_gbps: 25
            pools: [{ model: A100-80GB, cards_per_node: 8, nodes: 1, price: 11 }]
        links:
          - sites: [home, away]
            bandwidth_gbps: 10
        """;

    private readonly CompletionTimeScore _score = new();

    [Fact]
    public void Plugin_ServesTheTimeObjective()
    {
        Assert.Equal("CompletionTime", _score.Name);
        Assert.Equal(Objective.Time, _score.Objective);
    }

    [Fact]
    public void Score_IsWaitPlusTransferPlusRuntimeScaledByTflops()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: [H100-SXM, A100-80GB] }
            estimated_runtime: 1h
            inputs:
              - { name: corpus, size_gb: 100, site: home, jurisdiction: CN }
            """);
        state.PoolWaitSeconds[state.Pool("away", "A100-80GB")] = 600;

        var costs = Candidates.Costs(_score, job, state);

        // At home: no wait, the data is local, 1 h on the reference model.
        Assert.Equal(3600, costs[0], 9);
        // Away: 600 s wait, 100 GB over 10 Gbit/s, 1 h x 989/312 TFLOPS.
        Assert.Equal(600 + 80 + (3600 * 989.0 / 312.0), costs[1], 9);
    }

    [Fact]
    public void Score_ReferenceModel_ScalesRuntimeOnFasterModelsDown()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: [H100-SXM, A100-80GB] }
            estimated_runtime: 1h
            reference_model: A100-80GB
            """);

        var costs = Candidates.Costs(_score, job, state);

        Assert.Equal(3600 * 312.0 / 989.0, costs[0], 9);
        Assert.Equal(3600, costs[1], 9);
    }

    [Fact]
    public void Score_InputFromOutsideTheNetwork_ComesOverTheSiteUplink()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: [H100-SXM, A100-80GB] }
            estimated_runtime: 1h
            scale_runtime: false
            inputs:
              - { name: crawl, size_gb: 100, jurisdiction: US }
            """);

        var costs = Candidates.Costs(_score, job, state);

        // 800 Gbit over home's default 10 Gbit/s uplink, and over away's 25.
        Assert.Equal(3600 + 80, costs[0], 9);
        Assert.Equal(3600 + 32, costs[1], 9);
    }
}
