using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Scores;

namespace Suanwang.Scheduling.Tests.Scores;

public sealed class CarbonScoreTests
{
    private const string Network = """
        name: grids
        currency: CNY
        sites:
          - id: solar
            owner: o
            jurisdiction: CN
            tier: core
            carbon:
              period_hours: 24
              points:
                - { at_hour: 0, gco2_per_kwh: 500 }
                - { at_hour: 10, gco2_per_kwh: 200 }
                - { at_hour: 16, gco2_per_kwh: 500 }
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 25 }]
          - id: hydro
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 300
            pools: [{ model: A100-80GB, cards_per_node: 8, nodes: 1, price: 11 }]
        """;

    private readonly CarbonScore _score = new();

    [Fact]
    public void Plugin_ServesTheCarbonObjective()
    {
        Assert.Equal("Carbon", _score.Name);
        Assert.Equal(Objective.Carbon, _score.Objective);
    }

    [Fact]
    public void Score_IsKgCo2FromBoardPowerCardsRuntimeAndIntensity()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: [H100-SXM, A100-80GB], cards: 2 }\nestimated_runtime: 1h\n");

        var costs = Candidates.Costs(_score, job, state);

        // H100: 700 W x 2 cards x 1 h = 1.4 kWh at 500 g/kWh. A100: 400 W x 2 x 989/312 h at 300 g/kWh.
        Assert.Equal(0.7, costs[0], 9);
        Assert.Equal(0.8 * (989.0 / 312.0) * 0.3, costs[1], 9);
    }

    [Fact]
    public void Score_UsesTheSiteIntensityAtTheLastAdvance()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: [H100-SXM, A100-80GB], cards: 2 }\nestimated_runtime: 1h\n");

        state.AdvanceTo(11 * 3600);
        var noon = Candidates.Costs(_score, job, state, 11 * 3600);
        state.AdvanceTo((24 + 17) * 3600);
        var evening = Candidates.Costs(_score, job, state, (24 + 17) * 3600);

        Assert.Equal(1.4 * 0.2, noon[0], 9);
        Assert.Equal(1.4 * 0.5, evening[0], 9);
        Assert.Equal(noon[1], evening[1], 12);
    }
}
