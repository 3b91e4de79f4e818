using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Scores;

namespace Suanwang.Scheduling.Tests.Scores;

public sealed class PreferenceScoreTests
{
    private const string Network = """
        name: models
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools:
              - { model: A100-80GB, cards_per_node: 8, nodes: 1, price: 11 }
              - { model: H100-SXM, cards_per_node: 8, nodes: 1, price: 25 }
              - { model: Ascend-910B, cards_per_node: 8, nodes: 1, price: 9 }
        """;

    private readonly PreferenceScore _score = new();

    [Fact]
    public void Plugin_ServesThePreferenceObjective()
    {
        Assert.Equal("Preference", _score.Name);
        Assert.Equal(Objective.Preference, _score.Objective);
    }

    [Fact]
    public void Score_PreferenceList_CostsEachModelItsRank()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: [H100-SXM, A100-80GB, Ascend-910B], cards: 8 }\nestimated_runtime: 1h\n");

        Assert.Equal([1.0, 0.0, 2.0], Candidates.Costs(_score, job, state));
    }

    [Fact]
    public void Score_AnyOfSet_CostsEveryModelTheSame()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: { H100-SXM: 8, A100-80GB: 8, Ascend-910B: 8 } }\nestimated_runtime: 1h\n");

        Assert.Equal([0.0, 0.0, 0.0], Candidates.Costs(_score, job, state));
    }

    [Fact]
    public void Score_NoModels_ClearsStaleCosts()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\n");
        double[] costs = [7, 7, 7];

        _score.Score(job, state, 0, state.Estimate(job, state.AllPools, new int[3], new double[3], new double[3]), costs);

        Assert.Equal([0.0, 0.0, 0.0], costs);
    }
}
