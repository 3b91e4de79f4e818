using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Scores;

namespace Suanwang.Scheduling.Tests.Scores;

public sealed class PriceScoreTests
{
    private const string Network = """
        name: prices
        currency: CNY
        exchange_rates: { USD: 7 }
        sites:
          - id: cn
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools:
              - { model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20, spot_price: 8 }
              - { model: A100-80GB, cards_per_node: 8, nodes: 1, price: 10 }
          - id: us
            owner: o
            jurisdiction: US
            tier: core
            carbon: 400
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 2, spot_price: 1.5, currency: USD }]
        """;

    private readonly PriceScore _score = new();

    [Fact]
    public void Plugin_ServesTheCostObjective()
    {
        Assert.Equal("Price", _score.Name);
        Assert.Equal(Objective.Cost, _score.Objective);
    }

    [Fact]
    public void Score_OnDemand_IsPriceTimesCardsTimesHoursInTheBaseCurrency()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: [H100-SXM, A100-80GB], cards: 8 }\nestimated_runtime: 2h\n");

        var costs = Candidates.Costs(_score, job, state);

        Assert.Equal(20.0 * 8 * 2, costs[state.Pool("cn", "H100-SXM")], 9);
        Assert.Equal(10.0 * 8 * 2 * 989 / 312, costs[state.Pool("cn", "A100-80GB")], 9);
        Assert.Equal(2.0 * 7 * 8 * 2, costs[state.Pool("us", "H100-SXM")], 9);
    }

    [Fact]
    public void Score_Spot_UsesTheSpotPrice()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: [H100-SXM, A100-80GB], cards: 8 }\nestimated_runtime: 2h\nspot: true\n");

        var costs = Candidates.Costs(_score, job, state);

        Assert.Equal(8.0 * 8 * 2, costs[state.Pool("cn", "H100-SXM")], 9);
        Assert.Equal(10.0 * 8 * 2 * 989 / 312, costs[state.Pool("cn", "A100-80GB")], 9);
        Assert.Equal(1.5 * 7 * 8 * 2, costs[state.Pool("us", "H100-SXM")], 9);
    }

    [Fact]
    public void Score_Gang_CountsEveryNodesCards()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "num_nodes: 4\nresources: { accelerators: H100-SXM:8 }\nestimated_runtime: 30m\n");

        var costs = Candidates.Costs(_score, job, state);

        Assert.Equal(20.0 * 32 * 0.5, costs[state.Pool("cn", "H100-SXM")], 9);
    }
}
