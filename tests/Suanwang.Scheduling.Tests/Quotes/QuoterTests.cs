using Suanwang.Core.Networks;
using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Quotes;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;
using Suanwang.Scheduling.Tests.Queue;

namespace Suanwang.Scheduling.Tests.Quotes;

public sealed class QuoterTests
{
    // On-demand per card-hour in CNY: cn-a 20, cn-b 16, sg-c 2.00 USD = 14. Spot: 8, 10, 0.50 USD = 3.5.
    private const string Network = """
        name: quotes
        currency: CNY
        exchange_rates: { USD: 7.00 }
        sites:
          - id: cn-a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 600
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20, spot_price: 8 }]
          - id: cn-b
            owner: o
            jurisdiction: CN
            tier: hub
            carbon:
              period_hours: 24
              points:
                - { at_hour: 0, gco2_per_kwh: 400 }
                - { at_hour: 12, gco2_per_kwh: 200 }
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 16, spot_price: 10 }]
          - id: sg-c
            owner: o
            jurisdiction: SG
            tier: edge
            carbon: 300
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 2.00, spot_price: 0.50, currency: USD }]
        """;

    private const string EightCardsTwoHours = "resources: { accelerators: H100-SXM:8 }\nestimated_runtime: 2h\n";

    private static SchedulerProfile Profile(string objective) => SchedulerProfile.Default(ObjectiveWeights.ForName(objective)!.Value);

    private static Quoter Quoter(ClusterState state, string objective = "cost", IStartEstimator? starts = null) =>
        new(state, Profile(objective), starts);

    private static PlacementRequest Job(Network network, string yaml, string? site = null) =>
        new RequestCompiler(network).Compile(Jobs.Spec(network, yaml), jobId: 7, tenant: 0, submitTime: 0, Jobs.Source, site);

    private static string[] Sites(ClusterState state, IReadOnlyList<QuoteOption> options) =>
        options.Select(o => state.Network.Sites[o.Site].Id).ToArray();

    [Fact]
    public void Quote_CostObjective_OrdersCheapestFirst_OnePerPool()
    {
        var state = Networks.State(Network);

        var options = Quoter(state).Quote(Job(state.Network, EightCardsTwoHours), now: 0, k: 5);

        Assert.Equal(["sg-c", "cn-b", "cn-a"], Sites(state, options));
        Assert.Equal(options.Count, options.Select(o => o.Pool).Distinct().Count());
        Assert.All(options, o => Assert.Equal(state.PoolSite[o.Pool], o.Site));
    }

    [Fact]
    public void Quote_K_LimitsTheOptionsToTheBest()
    {
        var state = Networks.State(Network);
        var quoter = Quoter(state);
        var job = Job(state.Network, EightCardsTwoHours);

        Assert.Equal(["sg-c", "cn-b"], Sites(state, quoter.Quote(job, 0, k: 2)));
        Assert.Empty(quoter.Quote(job, 0, k: 0));
    }

    [Fact]
    public void Quote_BestOption_IsTheEnginesChoiceWhenEverythingFits()
    {
        var state = Networks.State(Network);
        var job = Job(state.Network, EightCardsTwoHours);

        foreach (var objective in new[] { "time", "cost", "carbon", "balanced" })
        {
            Assert.True(new PlacementEngine(state, Profile(objective)).TryPlace(job, 0, out var placement));
            Assert.Equal(placement.Pool, Quoter(state, objective).Quote(job, 0, 3)[0].Pool);
        }
    }

    [Fact]
    public void Quote_OnDemand_PricesInThePoolCurrencyAndCostsInTheBase()
    {
        var state = Networks.State(Network);

        var sg = Quoter(state).Quote(Job(state.Network, EightCardsTwoHours), 0, 1)[0];

        Assert.Equal(2.00m, sg.PricePerCardHour);
        Assert.Equal("USD", sg.Currency);
        Assert.Equal(8, sg.Cards);
        Assert.Equal(8 * 2 * 2.00m * 7.00m, sg.CostBase);
    }

    [Fact]
    public void Quote_SpotJob_UsesSpotPricesForOrderAndCost()
    {
        var state = Networks.State(Network);

        var options = Quoter(state).Quote(Job(state.Network, EightCardsTwoHours + "spot: true\n"), 0, 3);

        // Spot in CNY: sg-c 3.5, cn-a 8, cn-b 10.
        Assert.Equal(["sg-c", "cn-a", "cn-b"], Sites(state, options));
        Assert.Equal([0.50m, 8m, 10m], options.Select(o => o.PricePerCardHour));
        Assert.Equal(8 * 2 * 0.50m * 7.00m, options[0].CostBase);
        Assert.Equal(8 * 2 * 8m, options[1].CostBase);
    }

    [Fact]
    public void Quote_TimeLimit_CostsTheWholeLimit()
    {
        var state = Networks.State(Network);

        var a = Quoter(state).Quote(Job(state.Network, EightCardsTwoHours + "time_limit: 3h\n", site: "cn-a"), 0, 1)[0];

        Assert.Equal(8 * 3 * 20m, a.CostBase);
        Assert.Equal(7200, a.RuntimeSeconds);
    }

    [Fact]
    public void Quote_Budget_LeavesOutPoolsThatCostMore()
    {
        var state = Networks.State(Network);

        // Two hours of 8 cards: sg-c 224, cn-b 256, cn-a 320 CNY.
        var options = Quoter(state).Quote(Job(state.Network, EightCardsTwoHours + "budget: { amount: 250, currency: CNY }\n"), 0, 3);

        Assert.Equal(["sg-c"], Sites(state, options));
    }

    [Fact]
    public void Quote_BudgetWithTimeLimit_ComparesTheCostAtTheLimit()
    {
        var state = Networks.State(Network);

        // At the 3 h limit: sg-c 336, cn-b 384, cn-a 480 CNY; by expected run time all but cn-a fit 340.
        var options = Quoter(state).Quote(Job(state.Network, EightCardsTwoHours + "time_limit: 3h\nbudget: { amount: 340, currency: CNY }\n"), 0, 3);

        var only = Assert.Single(options);
        Assert.Equal("sg-c", state.Network.Sites[only.Site].Id);
        Assert.Equal(336m, only.CostBase);
    }

    [Fact]
    public void Quote_Jurisdiction_LeavesOutSitesElsewhere()
    {
        var state = Networks.State(Network);

        var options = Quoter(state).Quote(Job(state.Network, EightCardsTwoHours + "allowed_jurisdictions: [CN]\n"), 0, 3);

        Assert.Equal(["cn-b", "cn-a"], Sites(state, options));
    }

    [Fact]
    public void Quote_PinnedSite_OffersOnlyThatSite()
    {
        var state = Networks.State(Network);

        var options = Quoter(state).Quote(Job(state.Network, EightCardsTwoHours, site: "cn-a"), 0, 3);

        Assert.Equal(["cn-a"], Sites(state, options));
    }

    [Fact]
    public void Quote_GangLargerThanAPool_LeavesThatPoolOut()
    {
        var state = Networks.State(Network);

        var options = Quoter(state).Quote(Job(state.Network, "num_nodes: 2\n" + EightCardsTwoHours), 0, 3);

        var only = Assert.Single(options);
        Assert.Equal("cn-b", state.Network.Sites[only.Site].Id);
        Assert.Equal(16, only.Cards);
    }

    [Fact]
    public void Quote_NoPoolCanEverRunTheJob_IsEmpty()
    {
        var state = Networks.State(Network);

        Assert.Empty(Quoter(state).Quote(Job(state.Network, "resources: { accelerators: A100-80GB:8 }\nestimated_runtime: 1h\n"), 0, 3));
    }

    [Fact]
    public void Quote_PoolWithRoom_StartsNowAndFinishesAfterTransferAndRun()
    {
        var state = Networks.State(Network);
        var job = Job(state.Network, EightCardsTwoHours + "inputs: [{ name: d, size_gb: 100, jurisdiction: CN }]\n");

        var a = Quoter(state).Quote(job, now: 500, k: 3).Single(o => state.Network.Sites[o.Site].Id == "cn-a");

        // 100 GB over the default 10 Gbit/s uplink: 80 s.
        Assert.Equal(500, a.StartSeconds);
        Assert.Equal(80, a.TransferSeconds, 9);
        Assert.Equal(500 + 80 + 7200, a.FinishSeconds, 9);
    }

    [Fact]
    public void Quote_FullPool_StartsWhenTheSchedulersRunningJobEnds()
    {
        var harness = new SchedulerHarness(Network);
        var state = harness.State;
        // A job of 8 cards pinned to cn-a, expected to run 5,000 s from t=0, fills cn-a.
        Assert.Equal(["start 1 on cn-a/H100-SXM"], harness.SubmitAndCycle(0, Queue.Requests.Job(1, cards: 8, runtime: 5000) with { PinnedSite = 0 }));

        var options = Quoter(state, "time", harness.Scheduler).Quote(Job(state.Network, EightCardsTwoHours), now: 100, k: 3);

        var a = options.Single(o => state.Network.Sites[o.Site].Id == "cn-a");
        Assert.Equal(5000, a.StartSeconds);
        Assert.Equal(5000 + 7200, a.FinishSeconds);
        Assert.All(options.Where(o => o != a), o => Assert.Equal(100, o.StartSeconds));
        Assert.Equal("cn-a", Sites(state, options)[^1]);
    }

    [Fact]
    public void Quote_FullPoolAndNothingKnown_StartsAfterTheAssumedWait()
    {
        var state = Networks.State(Network);
        var a = state.Pool("cn-a", "H100-SXM");
        Assert.NotNull(state.Allocate(a, new JobShape(8, 1), Profile("time").Packer));
        var job = Job(state.Network, EightCardsTwoHours, site: "cn-a");

        Assert.Equal(100 + global::Suanwang.Scheduling.Quotes.Quoter.DefaultUnknownWaitSeconds, Quoter(state).Quote(job, 100, 1)[0].StartSeconds);
        Assert.Equal(700, new Quoter(state, Profile("cost"), unknownWaitSeconds: 600).Quote(job, 100, 1)[0].StartSeconds);

        state.PoolWaitSeconds[a] = 900;
        Assert.Equal(1000, Quoter(state).Quote(job, 100, 1)[0].StartSeconds);
    }

    [Fact]
    public void Quote_WhenTheBestAreAllFull_TheLastPlaceGoesToTheSoonestStart()
    {
        var state = Networks.State(Network);
        Assert.NotNull(state.Allocate(state.Pool("sg-c", "H100-SXM"), new JobShape(8, 1), Profile("cost").Packer));
        Assert.NotNull(state.Allocate(state.Pool("cn-b", "H100-SXM"), new JobShape(8, 2), Profile("cost").Packer));

        var options = Quoter(state).Quote(Job(state.Network, EightCardsTwoHours), 0, 2);

        // By cost alone sg-c and cn-b, both full; cn-a, dearest but free, starts now.
        Assert.Equal(["sg-c", "cn-a"], Sites(state, options));
        Assert.Equal(0, options[1].StartSeconds);
        Assert.True(options[0].StartSeconds > 0);
    }

    [Fact]
    public void Quote_FullPool_RanksBehindAFreeOneUnderTheTimeObjective()
    {
        var state = Networks.State(Network);
        var b = state.Pool("cn-b", "H100-SXM");
        Assert.NotNull(state.Allocate(b, new JobShape(8, 2), Profile("time").Packer));

        var options = Quoter(state, "time").Quote(Job(state.Network, EightCardsTwoHours), 0, 3);

        Assert.Equal("cn-b", Sites(state, options)[^1]);
        Assert.Equal(3, options.Count);
    }

    [Fact]
    public void Quote_KgCo2_UsesTheMeanIntensityOverTheRun()
    {
        var state = Networks.State(Network);

        // From 11:00 to 13:00 at cn-b: one hour at 400 and one at 200, a mean of 300 g/kWh.
        var b = Quoter(state).Quote(Job(state.Network, EightCardsTwoHours, site: "cn-b"), now: 11 * 3600, k: 1)[0];

        Assert.Equal(8 * 0.7 * 2 * 300 / 1000.0, b.KgCo2, 9);
    }

    [Fact]
    public void Quote_SatelliteOutOfContact_StartsAtTheNextWindow()
    {
        const string orbit = """
            name: orbit
            currency: CNY
            sites:
              - id: ground
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
              - id: sat
                owner: o
                jurisdiction: CN
                tier: orbital
                carbon: 0
                pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 10 }]
            links:
              - sites: [ground, sat]
                bandwidth_gbps: 1
                contact: { period_minutes: 95, open_minutes: 10, offset_minutes: 30 }
            """;
        var state = Networks.State(orbit);

        var options = Quoter(state).Quote(Job(state.Network, EightCardsTwoHours), now: 0, k: 2);

        var sat = options.Single(o => state.Network.Sites[o.Site].Id == "sat");
        Assert.Equal(30 * 60, sat.StartSeconds);
        Assert.Equal(0, options.Single(o => o != sat).StartSeconds);
    }

    [Fact]
    public void Constructor_NegativeAssumedWait_Throws()
    {
        var state = Networks.State(Network);

        Assert.Throws<ArgumentOutOfRangeException>(() => new Quoter(state, Profile("cost"), unknownWaitSeconds: -1));
    }
}
