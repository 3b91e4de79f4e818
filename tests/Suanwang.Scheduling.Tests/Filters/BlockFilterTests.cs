using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.State;
using Suanwang.Scheduling.Tests.Queue;

namespace Suanwang.Scheduling.Tests.Filters;

public sealed class BlockFilterTests
{
    // Site a: one pool of 16 cards (2 nodes of 8); site b: 8 cards.
    private const string Network = """
        name: two
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 25 }]
          - id: b
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 25 }]
        """;

    private const string OneSite = """
        name: one
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 25 }]
        """;

    private const int Owner = 1;
    private const int Other = 0;

    private readonly BlockFilter _filter = new();

    [Fact]
    public void Filter_NoBlocks_KeepsEveryPool()
    {
        var state = Networks.State(Network);

        Assert.Equal(["a/H100-SXM", "b/H100-SXM"], Candidates.Passing(_filter, Queue.Requests.Job(1, cards: 16), state));
    }

    [Fact]
    public void Filter_OtherTenantsBlock_LeavesOthersOnlyTheCardsItDoesNotHold()
    {
        var state = Networks.State(Network);
        state.SetBlocks([new HeldBlock(state.Pool("a", "H100-SXM"), Owner, 10, 7200)]);

        Assert.Equal(["a/H100-SXM", "b/H100-SXM"], Candidates.Passing(_filter, Queue.Requests.Job(1, cards: 6, tenant: Other), state));
        Assert.Equal(["b/H100-SXM"], Candidates.Passing(_filter, Queue.Requests.Job(2, cards: 7, tenant: Other), state));
        Assert.Equal(["a/H100-SXM", "b/H100-SXM"], Candidates.Passing(_filter, Queue.Requests.Job(3, cards: 16, tenant: Owner), state));
    }

    [Fact]
    public void Filter_TwoTenantsBlocks_EachIsExemptOnlyFromItsOwn()
    {
        var state = Networks.State(Network);
        var a = state.Pool("a", "H100-SXM");
        state.SetBlocks([new HeldBlock(a, Owner, 6, 7200), new HeldBlock(a, 2, 4, 7200), new HeldBlock(a, 2, 2, 3600)]);

        Assert.Equal(12, state.PoolHeldCards[a]);
        Assert.Equal((6, 6, 12), (state.HeldFromOthers(a, Owner), state.HeldFromOthers(a, 2), state.HeldFromOthers(a, Other)));
        Assert.Equal(3600, state.BlockEnds(a, 2));
        Assert.Equal(["a/H100-SXM", "b/H100-SXM"], Candidates.Passing(_filter, Queue.Requests.Job(1, cards: 10, tenant: Owner), state));
        Assert.Equal(["b/H100-SXM"], Candidates.Passing(_filter, Queue.Requests.Job(2, cards: 5, tenant: Other), state));
    }

    [Fact]
    public void Explain_HeldCards_SaysHowManyAreHeld()
    {
        var state = Networks.State(Network);
        var a = state.Pool("a", "H100-SXM");
        state.SetBlocks([new HeldBlock(a, Owner, 10, 7200)]);

        Assert.Equal(
            Status.Unschedulable("10 of the pool's 16 free cards are held by other tenants' reserved blocks; the job needs 8"),
            _filter.Explain(Queue.Requests.Job(1, cards: 8, tenant: Other), state, 0, a));
        Assert.Equal(Status.Success, _filter.Explain(Queue.Requests.Job(1, cards: 8, tenant: Owner), state, 0, a));
    }

    [Fact]
    public void Filter_WithBlocks_DoesNotAllocate()
    {
        var state = Networks.State(Network);
        state.SetBlocks([new HeldBlock(state.Pool("a", "H100-SXM"), Owner, 10, 7200)]);
        var job = Queue.Requests.Job(1, cards: 8, tenant: Other);
        var buffer = state.AllPools.ToArray();
        var warm = new CandidateSet(buffer, buffer.Length);
        _filter.Filter(job, state, 0, ref warm);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            state.AllPools.CopyTo(buffer, 0);
            var set = new CandidateSet(buffer, buffer.Length);
            _filter.Filter(job, state, 0, ref set);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Scheduler_OtherTenantWaitsWhileTheBlockHolds_ThenStartsWhenItEnds()
    {
        var harness = new SchedulerHarness(OneSite);
        var a = harness.State.Pool("a", "H100-SXM");
        harness.Scheduler.SetBlocks([new HeldBlock(a, Owner, 16, 7200)]);

        Assert.Empty(harness.SubmitAndCycle(0, Queue.Requests.Job(1, cards: 8, tenant: Other)));

        harness.Scheduler.SetBlocks([]);
        Assert.Equal(["start 1 on a/H100-SXM"], harness.Cycle(7200));
    }

    [Fact]
    public void Scheduler_OwnersJobsUseTheBlock_InBlockWhileItHasRoom_AndLowerTheHold()
    {
        var harness = new SchedulerHarness(OneSite);
        var a = harness.State.Pool("a", "H100-SXM");
        harness.Scheduler.SetBlocks([new HeldBlock(a, Owner, 10, 7200)]);

        Assert.Equal(["start 1 on a/H100-SXM"], harness.SubmitAndCycle(0, Queue.Requests.Job(1, cards: 8, tenant: Owner)));
        Assert.True(harness[1].InBlock);
        Assert.Equal(2, harness.State.PoolHeldCards[a]);

        // 8 free, 2 still held for the owner: another tenant gets 6, the owner's 4-card job exceeds its room.
        Assert.Equal(
            ["start 2 on a/H100-SXM", "start 3 on a/H100-SXM"],
            harness.SubmitAndCycle(0, Queue.Requests.Job(2, cards: 4, tenant: Owner), Queue.Requests.Job(3, cards: 4, tenant: Other)));
        Assert.False(harness[2].InBlock);
        Assert.Equal(0, harness.State.PoolHeldCards[a]);

        harness.Finish(1);
        harness.Finish(2);
        Assert.Equal(10, harness.State.PoolHeldCards[a]);
    }

    [Fact]
    public void Scheduler_JobOutlastingTheBlock_IsNotInBlock()
    {
        var harness = new SchedulerHarness(OneSite);
        harness.Scheduler.SetBlocks([new HeldBlock(harness.State.Pool("a", "H100-SXM"), Owner, 16, 3000)]);

        Assert.Equal(["start 1 on a/H100-SXM"], harness.SubmitAndCycle(0, Queue.Requests.Job(1, cards: 8, runtime: 3600, tenant: Owner)));

        Assert.False(harness[1].InBlock);
    }

    [Fact]
    public void SetBlocks_CountsTheOwnersRunningJobs()
    {
        var harness = new SchedulerHarness(OneSite);
        var a = harness.State.Pool("a", "H100-SXM");
        harness.SubmitAndCycle(0, Queue.Requests.Job(1, cards: 8, tenant: Owner));

        harness.Scheduler.SetBlocks([new HeldBlock(a, Owner, 12, 7200)]);

        Assert.Equal(4, harness.State.PoolHeldCards[a]);
        Assert.Equal(4, harness.State.BlockRoom(a, Owner));
        Assert.Empty(Candidates.Passing(_filter, Queue.Requests.Job(2, cards: 5, tenant: Other), harness.State));
        Assert.Equal(["start 3 on a/H100-SXM"], harness.SubmitAndCycle(0, Queue.Requests.Job(3, cards: 4, tenant: Other)));
    }
}
