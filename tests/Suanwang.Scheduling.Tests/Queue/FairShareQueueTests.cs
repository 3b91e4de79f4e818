using Suanwang.Scheduling.Queue;
using static Suanwang.Scheduling.Tests.Queue.Requests;

namespace Suanwang.Scheduling.Tests.Queue;

public sealed class FairShareQueueTests
{
    private const int Alice = 0;
    private const int Bob = 1;

    // 16 H100 in two nodes of 8.
    private const string OnePool = """
        name: drf
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 20 }]
        """;

    // Two resources: 8 H100 and 32 A100, each on one node.
    private const string TwoModels = """
        name: drf-two
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools:
              - { model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }
              - { model: A100-80GB, cards_per_node: 32, nodes: 1, price: 10 }
        """;

    // Alice holds 6 of 16 cards, Bob 2; both have 8 free cards on one node.
    private static SchedulerHarness Running(Func<int, double>? weight = null)
    {
        var h = new SchedulerHarness(OnePool, "fair-share", weight: weight);
        Assert.Equal(
            ["start 1 on a/H100-SXM", "start 2 on a/H100-SXM"],
            h.SubmitAndCycle(0, Job(1, cards: 6, tenant: Alice), Job(2, cards: 2, tenant: Bob)));
        return h;
    }

    private static double Share(SchedulerHarness h, int tenant) => ((FairSharePolicy)h.Queue).ShareOf(tenant);

    [Fact]
    public void ShareOf_IsCardsHeldOverTheModelsCards()
    {
        var h = Running();

        Assert.Equal(6.0 / 16, Share(h, Alice));
        Assert.Equal(2.0 / 16, Share(h, Bob));
        Assert.Equal(0, Share(h, 7));
    }

    [Fact]
    public void RunCycle_TwoTenants_SmallerDominantShareGoesFirstDespiteArrivingLater()
    {
        var h = Running();

        // Only one of the two 8-card jobs fits; Alice's arrived first but Bob's share is smaller.
        var decisions = h.SubmitAndCycle(10, Job(3, cards: 8, tenant: Alice), Job(4, cards: 8, tenant: Bob));

        Assert.Equal(["start 4 on a/H100-SXM"], decisions);
        Assert.Equal(10.0 / 16, Share(h, Bob));
    }

    [Fact]
    public void RunCycle_HeavierWeight_DividesTheShareAndChangesTheOrder()
    {
        // Alice's 6/16 over weight 4 is 0.094, below Bob's 2/16.
        var h = Running(weight: tenant => tenant == Alice ? 4.0 : 1.0);
        Assert.Equal(6.0 / 16 / 4, Share(h, Alice));

        var decisions = h.SubmitAndCycle(10, Job(3, cards: 8, tenant: Alice), Job(4, cards: 8, tenant: Bob));

        Assert.Equal(["start 3 on a/H100-SXM"], decisions);
    }

    [Fact]
    public void Finish_LowersTheTenantsShare_AndItGoesFirstAgain()
    {
        var h = Running();

        h.Finish(1);
        Assert.Equal(0, Share(h, Alice));

        var decisions = h.SubmitAndCycle(10, Job(3, cards: 8, tenant: Bob), Job(4, cards: 8, tenant: Alice));

        Assert.Equal(["start 4 on a/H100-SXM"], decisions);
        h.Finish(2);
        Assert.Equal(0, Share(h, Bob));
    }

    [Fact]
    public void ShareOf_TakesTheLargestShareOverModels_NotTheCardCount()
    {
        var h = new SchedulerHarness(TwoModels, "fair-share");
        h.SubmitAndCycle(
            0,
            Job(1, cards: 4, tenant: Alice, model: "H100-SXM"),
            Job(2, cards: 2, tenant: Alice, model: "A100-80GB"),
            Job(3, cards: 12, tenant: Bob, model: "A100-80GB"));

        // Alice holds 6 cards but half the H100s; Bob holds 12 cards, 3/8 of the A100s.
        Assert.Equal(0.5, Share(h, Alice));
        Assert.Equal(12.0 / 32, Share(h, Bob));

        var decisions = h.SubmitAndCycle(10, Job(4, cards: 18, tenant: Alice, model: "A100-80GB"), Job(5, cards: 18, tenant: Bob, model: "A100-80GB"));

        Assert.Equal(["start 5 on a/A100-80GB"], decisions);
    }

    [Fact]
    public void RunCycle_OneTenant_KeepsArrivalOrderWithinIt()
    {
        var h = new SchedulerHarness(OnePool, "fair-share");
        h.SubmitAndCycle(0, Job(1, cards: 16, tenant: Alice));
        h.Submit(Job(2, cards: 16, tenant: Alice));
        h.Submit(Job(3, cards: 16, tenant: Alice));

        h.Finish(1);

        Assert.Equal(["start 2 on a/H100-SXM"], h.Cycle(10));
    }
}
