using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Tests.Engine;

public sealed partial class PlacementEngineTests
{
    // Three sites, each best at one objective for an 8-card job that runs 1 h on H100:
    // fast (H100, 240 CNY, 3.4 kg), cheap (A100, 203 CNY, 5.1 kg), green (A100, 304 CNY, 0.5 kg).
    private const string Objectives = """
        name: objectives
        currency: CNY
        sites:
          - id: fast
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 600
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 30 }]
          - id: cheap
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: A100-80GB, cards_per_node: 8, nodes: 2, price: 8 }]
          - id: green
            owner: o
            jurisdiction: CN
            tier: edge
            carbon: 50
            pools: [{ model: A100-80GB, cards_per_node: 8, nodes: 2, price: 12 }]
        """;

    private const string EitherModel = """
        resources: { accelerators: { H100-SXM: 8, A100-80GB: 8 } }
        estimated_runtime: 1h
        """;

    private static PlacementEngine Engine(ClusterState state, string objective) =>
        new(state, SchedulerProfile.Default(ObjectiveWeights.ForName(objective)!.Value));

    private static string Place(PlacementEngine engine, in PlacementRequest job, double now = 0)
    {
        Assert.True(engine.TryPlace(job, now, out var placement));
        return engine.State.Name(placement.Pool);
    }

    [Theory]
    [InlineData("time", "fast/H100-SXM")]
    [InlineData("cost", "cheap/A100-80GB")]
    [InlineData("carbon", "green/A100-80GB")]
    public void TryPlace_NamedObjective_PicksTheSiteBestAtIt(string objective, string expected)
    {
        var state = Networks.State(Objectives);
        var job = Jobs.Compile(state.Network, EitherModel);

        Assert.Equal(expected, Place(Engine(state, objective), job));
    }

    [Fact]
    public void TryPlace_Placement_DescribesTheChosenPool()
    {
        var state = Networks.State(Objectives);
        var job = Jobs.Compile(state.Network, EitherModel);
        var engine = Engine(state, "cost");

        Assert.True(engine.TryPlace(job, 0, out var placement));

        Assert.Equal(state.Pool("cheap", "A100-80GB"), placement.Pool);
        Assert.Equal(1, placement.Site);
        Assert.Equal(new JobShape(8, 1), placement.Shape);
        Assert.Equal(3600 * 989.0 / 312.0, placement.RuntimeSeconds, 9);
        Assert.Equal(0, placement.TransferSeconds);
        Assert.Equal(0, placement.WaitSeconds);
        Assert.Equal(8.0 * 8 * 989 / 312, placement.Cost, 9);
        Assert.Equal(0.4 * 8 * 989 / 312, placement.EnergyKwh, 9);
        Assert.Equal(0.4 * 8 * 989 / 312 * 0.5, placement.Co2Kg, 9);
    }

    [Fact]
    public void TryPlace_QueueWait_CanOutweighSpeedUnderTheTimeObjective()
    {
        var state = Networks.State(Objectives);
        var job = Jobs.Compile(state.Network, EitherModel);
        state.PoolWaitSeconds[state.Pool("fast", "H100-SXM")] = 10 * 3600;

        Assert.Equal("cheap/A100-80GB", Place(Engine(state, "time"), job));
    }

    [Fact]
    public void TryPlace_PlacementDoesNotReserve_TheSameJobGoesToTheSamePoolTwice()
    {
        var state = Networks.State(Objectives);
        var job = Jobs.Compile(state.Network, EitherModel);
        var engine = Engine(state, "time");

        Assert.Equal(Place(engine, job), Place(engine, job));
        Assert.Equal(state.TotalCards, state.PoolFreeCards.Sum());
    }

    [Fact]
    public void TryPlace_IdenticalPools_TieGoesToTheEarlierPool()
    {
        const string twins = """
            name: twins
            currency: CNY
            sites:
              - id: zeta
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
              - id: alpha
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
            """;
        var state = Networks.State(twins);

        foreach (var objective in new[] { "time", "cost", "carbon", "balanced" })
        {
            Assert.Equal("zeta/H100-SXM", Place(Engine(state, objective), Jobs.Compile(state.Network, "resources: { accelerators: H100-SXM:8 }\nestimated_runtime: 1h\n")));
            Assert.Equal("zeta/H100-SXM", Place(Engine(state, objective), Jobs.Compile(state.Network, "resources: { cards: 8 }\nestimated_runtime: 1h\n")));
        }
    }

    [Fact]
    public void TryPlace_TieBetweenPoolsOfDifferentModels_GoesToTheEarlierPool()
    {
        // H200 and H100 have the same TFLOPS and power; priced alike, they tie on every objective.
        const string network = """
            name: hopper
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools:
                  - { model: H200, cards_per_node: 8, nodes: 1, price: 20 }
                  - { model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }
            """;
        var state = Networks.State(network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: { H100-SXM: 8, H200: 8 } }\nestimated_runtime: 1h\n");

        Assert.Equal("a/H200", Place(Engine(state, "time"), job));
    }

    [Fact]
    public void TryPlace_SingleCandidate_ScoreDoesNotDependOnEarlierDecisions()
    {
        var state = Networks.State(Objectives);
        var onlyH100 = Jobs.Compile(state.Network, "resources: { accelerators: H100-SXM:8 }\nestimated_runtime: 1h\n");
        var either = Jobs.Compile(state.Network, EitherModel);
        var used = Engine(state, "cost");

        Assert.True(Engine(state, "cost").TryPlace(onlyH100, 0, out var fresh));
        Assert.True(used.TryPlace(either, 0, out _));
        Assert.True(used.TryPlace(onlyH100, 0, out var after));

        Assert.Equal(fresh, after);
    }

    [Fact]
    public void TryPlace_FullPool_IsPassedOver()
    {
        var state = Networks.State(Objectives);
        var job = Jobs.Compile(state.Network, EitherModel);
        var cheap = state.Pool("cheap", "A100-80GB");
        Assert.NotNull(state.Allocate(cheap, new JobShape(8, 2), new BestFitPacker()));

        Assert.Equal("fast/H100-SXM", Place(Engine(state, "cost"), job));
    }

    [Fact]
    public void TryPlace_PreferenceOrder_BreaksATieBetweenEquallyFastModels()
    {
        // H100 and H200 are equally fast and priced alike here; the job prefers H200.
        const string network = """
            name: hopper
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools:
                  - { model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }
                  - { model: H200, cards_per_node: 8, nodes: 1, price: 20 }
            """;
        var state = Networks.State(network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: [H200, H100-SXM], cards: 8 }\nestimated_runtime: 1h\n");

        Assert.Equal("a/H200", Place(Engine(state, "time"), job));
    }

    [Fact]
    public void TryPlace_ImportantDataInCN_LandsInCNEvenWhenAbroadIsCheaper()
    {
        var state = Networks.State(Residency);
        var engine = Engine(state, "cost");
        var general = Jobs.Compile(state.Network, ResidencyJob("general"));
        var important = Jobs.Compile(state.Network, ResidencyJob("important"));

        Assert.Equal("kz-almaty-1/H100-SXM", Place(engine, general));
        Assert.Equal("cn-beijing-1/H100-SXM", Place(engine, important));
    }

    [Fact]
    public void TryPlace_ImportantDataWhenItsCountryIsDown_FindsNothing()
    {
        var state = Networks.State(Residency);
        var engine = Engine(state, "cost");
        var job = Jobs.Compile(state.Network, ResidencyJob("important"));
        state.SetSiteUp(0, false);

        Assert.False(engine.TryPlace(job, 0, out _));
        Assert.Equal(0, engine.CountFeasible(job, 0));
        Assert.Equal(StatusCode.Unschedulable, engine.Explain(job, 0).Code);
    }

    [Fact]
    public void Explain_ImportantDataAbroad_SaysTheCountryIsOutsideWhatTheJobAllows()
    {
        var state = Networks.State(Residency);
        var engine = Engine(state, "cost");
        var job = Jobs.Compile(state.Network, ResidencyJob("important"));
        state.SetSiteUp(0, false);

        var failure = engine.Explain(job, 0);

        Assert.Contains("site kz-almaty-1 (H100-SXM): jurisdiction KZ is outside what the job allows", failure.Message, StringComparison.Ordinal);
        Assert.Contains("site cn-beijing-1 (H100-SXM): site is down", failure.Message, StringComparison.Ordinal);
    }
}
