using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Queue;
using static Suanwang.Scheduling.Tests.Queue.Requests;

namespace Suanwang.Scheduling.Tests.Queue;

public sealed class CardCapTests
{
    // 16 H100 in two nodes of 8.
    private const string OnePool = """
        name: caps
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 20 }]
        """;

    [Theory]
    [InlineData("fifo")]
    [InlineData("backfill")]
    [InlineData("fair-share-backfill")]
    [InlineData("las")]
    public void JobOverItsTenantsCap_IsHeldOnce_WithoutBlockingOtherTenants_AndStartsWhenCardsFree(string policy)
    {
        var h = new SchedulerHarness(OnePool, policy);
        h.Scheduler.SetCardCaps(tenant => tenant == 0 ? 8 : int.MaxValue);

        // Fair share takes tenant 1's job before tenant 0's second one: compare without order.
        Assert.Equal(
            ["hold 2", "start 1 on a/H100-SXM", "start 3 on a/H100-SXM"],
            h.SubmitAndCycle(0, Job(1, cards: 8, tenant: 0), Job(2, cards: 4, tenant: 0), Job(3, cards: 4, tenant: 1)).Order());
        Assert.Equal(8, h.Scheduler.CardsHeldBy(0));
        Assert.Empty(h.Cycle(1));

        h.Finish(1, 2);

        Assert.Equal(["start 2 on a/H100-SXM"], h.Cycle(2));
        Assert.Equal(4, h.Scheduler.CardsHeldBy(0));
    }

    [Fact]
    public void NoCaps_TheSameJobsAllStart()
    {
        var h = new SchedulerHarness(OnePool, "fifo");

        Assert.Equal(
            ["start 1 on a/H100-SXM", "start 2 on a/H100-SXM", "start 3 on a/H100-SXM"],
            h.SubmitAndCycle(0, Job(1, cards: 8, tenant: 0), Job(2, cards: 4, tenant: 0), Job(3, cards: 4, tenant: 1)));
    }

    [Fact]
    public void FairShare_WithPriorityWithinTenant_StartsATenantsHighestPriorityFirst_ButNotAheadOfALowerShare()
    {
        var state = Networks.State(OnePool);
        var queue = new FairSharePolicy(state, priorityWithinTenant: true);
        var scheduler = new Scheduler(state, SchedulerProfile.Default(ObjectiveWeights.ForName("time")!.Value), queue, new SchedulerOptions());
        var running = scheduler.NewJob(Job(1, cards: 8, tenant: 0));
        scheduler.Submit(running, 0);
        Assert.Single(scheduler.RunCycle(0));

        // Tenant 0 holds 8 cards: tenant 1's job goes first, then tenant 0's priority-9 job before its older priority-0 one.
        var low = scheduler.NewJob(Job(2, cards: 4, tenant: 0, priority: 0));
        var high = scheduler.NewJob(Job(3, cards: 4, tenant: 0, priority: 9));
        var other = scheduler.NewJob(Job(4, cards: 4, tenant: 1, priority: 0));
        foreach (var job in new[] { low, high, other })
        {
            scheduler.Submit(job, 0);
        }

        var started = scheduler.RunCycle(1).Where(d => d.Kind == DecisionKind.Started).Select(d => d.Job.Request.JobId).ToList();

        Assert.Equal([4, 3], started);
    }
}
