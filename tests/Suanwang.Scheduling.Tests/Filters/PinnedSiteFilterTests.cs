using Suanwang.Core.Errors;
using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.Queue;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.Tests.Queue;

namespace Suanwang.Scheduling.Tests.Filters;

public sealed class PinnedSiteFilterTests
{
    private const string Network = """
        name: two
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools:
              - { model: H100-SXM, cards_per_node: 8, nodes: 1, price: 25 }
              - { model: A100-80GB, cards_per_node: 8, nodes: 2, price: 11 }
          - id: b
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 5 }]
        """;

    private const string AnyJob = "resources: {}\nestimated_runtime: 1h\n";

    private readonly PinnedSiteFilter _filter = new();

    private static PlacementRequest Compile(Core.Networks.Network network, string yaml, string? site) =>
        new RequestCompiler(network).Compile(Jobs.Spec(network, yaml), jobId: 1, tenant: 0, submitTime: 0, Jobs.Source, site);

    [Fact]
    public void DefaultRequest_IsPinnedNowhere()
    {
        Assert.Equal(-1, default(PlacementRequest).PinnedSite);
        Assert.Equal(-1, new PlacementRequest { JobId = 3 }.PinnedSite);
    }

    [Fact]
    public void Compile_WithoutSite_PinsNothingAndKeepsEveryPool()
    {
        var state = Networks.State(Network);
        var job = Compile(state.Network, AnyJob, null);

        Assert.Equal(-1, job.PinnedSite);
        Assert.Equal(["a/H100-SXM", "a/A100-80GB", "b/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_PinnedJob_KeepsOnlyThatSitesPools()
    {
        var state = Networks.State(Network);

        Assert.Equal(["b/H100-SXM"], Candidates.Passing(_filter, Compile(state.Network, AnyJob, "b"), state));
        Assert.Equal(["a/H100-SXM", "a/A100-80GB"], Candidates.Passing(_filter, Compile(state.Network, AnyJob, "a"), state));
    }

    [Fact]
    public void Compile_UnknownSite_NamesTheSiteField()
    {
        var network = Networks.Parse(Network);

        var error = Assert.Throws<InputException>(() => Compile(network, AnyJob, "c")).Error;

        Assert.Equal("site", error.Field);
        Assert.Contains("'c' is not in network 'two'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_OtherSite_IsUnresolvableAndNamesThePin()
    {
        var state = Networks.State(Network);
        var job = Compile(state.Network, AnyJob, "b");

        Assert.Equal(Status.Unresolvable("pinned to site b by its order"), _filter.Explain(job, state, 0, state.Pool("a", "H100-SXM")));
        Assert.Equal(Status.Success, _filter.Explain(job, state, 0, state.Pool("b", "H100-SXM")));
    }

    [Fact]
    public void Engine_PinnedToTheDearerSite_PlacesThereDespitePrice()
    {
        var state = Networks.State(Network);
        var engine = new PlacementEngine(state, SchedulerProfile.Default(ObjectiveWeights.ForName("cost")!.Value));
        var job = Compile(state.Network, "resources: { accelerators: H100-SXM:8 }\nestimated_runtime: 1h\n", "a");

        Assert.True(engine.TryPlace(job, 0, out var placement));
        Assert.Equal("a/H100-SXM", state.Name(placement.Pool));
    }

    [Fact]
    public void Scheduler_PinnedSiteFull_JobWaitsInsteadOfMoving()
    {
        var harness = new SchedulerHarness(Network);
        var first = Queue.Requests.Job(1, cards: 8, model: "H100-SXM") with { PinnedSite = 0 };
        var pinned = Queue.Requests.Job(2, cards: 8, model: "H100-SXM") with { PinnedSite = 0 };

        Assert.Equal(["start 1 on a/H100-SXM"], harness.SubmitAndCycle(0, first, pinned));
        Assert.Null(harness.WhereIs(2));
        Assert.Equal(8, harness.State.PoolFreeCards[harness.State.Pool("b", "H100-SXM")]);

        harness.Finish(1);
        Assert.Equal(["start 2 on a/H100-SXM"], harness.Cycle(10));
    }

    [Fact]
    public void Scheduler_PinnedToASiteThatCanNeverFit_RejectsAtSubmit()
    {
        var state = Networks.State(Network);
        QueuePolicies.TryCreate("fifo", state, out var queue, out var backfill);
        var scheduler = new Scheduler(state, SchedulerProfile.Default(new ObjectiveWeights(1, 1, 1, 1), new BestFitPacker()), queue, new SchedulerOptions(backfill));
        var job = Compile(state.Network, "resources: { accelerators: A100-80GB:8 }\nestimated_runtime: 1h\n", "b");

        var reason = scheduler.Submit(scheduler.NewJob(job), 0);

        Assert.NotNull(reason);
        Assert.Contains("pinned to site b by its order", reason, StringComparison.Ordinal);
    }
}
