using Suanwang.Scheduling.Tokens;
using static Suanwang.Scheduling.Tests.Tokens.Endpoints;

namespace Suanwang.Scheduling.Tests.Tokens;

public class TokenRouterTests
{
    [Fact]
    public void Route_UnknownModel_IsRefusedNamingIt()
    {
        var router = new TokenRouter([Make("a")]);
        var d = router.Route(Request("gpt-9"), T0);
        Assert.Equal(RouteOutcome.UnknownModel, d.Outcome);
        Assert.Equal("no endpoint serves model 'gpt-9'", d.Reason);
        Assert.Empty(d.Endpoints);
    }

    [Fact]
    public void Route_ModelServedOnlyOutsideTheAllowedSet_IsRefusedForResidency()
    {
        var router = new TokenRouter([Make("us", "US"), Make("de", "DE")]);
        var d = router.Route(Request(allowed: ["CN"]), T0);
        Assert.Equal(RouteOutcome.Residency, d.Outcome);
        Assert.Contains("only outside the allowed jurisdictions (CN)", d.Reason, StringComparison.Ordinal);
        Assert.Empty(d.Endpoints);
    }

    [Fact]
    public void Route_UnknownCountryInTheAllowedSet_AllowsNothing()
    {
        var router = new TokenRouter([Make("us", "US")]);
        Assert.Equal(RouteOutcome.Residency, router.Route(Request(allowed: ["XX"]), T0).Outcome);
    }

    [Fact]
    public void Route_EveryCnEndpointDown_FailsClosedThoughOthersAreUp()
    {
        var cn1 = Make("cn1");
        var cn2 = Make("cn2");
        cn1.Healthy = false;
        cn2.Healthy = false;
        var router = new TokenRouter([cn1, Make("us", "US"), cn2, Make("kz", "KZ")]);
        var d = router.Route(Request(allowed: ["CN"]), T0);
        Assert.Equal(RouteOutcome.AllDown, d.Outcome);
        Assert.Equal("every endpoint of model 'llama-3-8b' in CN is down (2 of 2); the request is not sent outside CN", d.Reason);
        Assert.Empty(d.Endpoints);
    }

    [Fact]
    public void Route_AllowedSetOfTwoCountries_ListsOnlyEndpointsInThem()
    {
        var router = new TokenRouter([Make("cn"), Make("us", "US"), Make("kz", "KZ"), Make("de", "DE")], new RouterOptions { Policy = RoutingPolicy.LeastLoad });
        var d = router.Route(Request(allowed: ["CN", "KZ"]), T0);
        Assert.Equal(["cn", "kz"], Ids(d));
    }

    [Fact]
    public void Route_OpenBreaker_IsDownUntilItsPeriodPasses()
    {
        var a = Make("a");
        var router = new TokenRouter([a, Make("b")], new RouterOptions { Policy = RoutingPolicy.LeastLoad });
        router.Dispatched(a, Request(), T0);
        router.Failed(a, T0);
        router.Dispatched(a, Request(), T0);
        router.Failed(a, T0);
        Assert.Equal(["b"], Ids(router.Route(Request(), T0.AddSeconds(5))));
        Assert.Equal(["a", "b"], Ids(router.Route(Request(), T0.AddSeconds(10))));
    }

    [Fact]
    public void Route_FullEndpoint_IsNotACandidate_AndAllFullIsBusy()
    {
        var a = Make("a", capacity: 1);
        var b = Make("b", capacity: 1);
        var router = new TokenRouter([a, b], new RouterOptions { Policy = RoutingPolicy.LeastLoad });
        router.Dispatched(a, Request(), T0);
        Assert.Equal(["b"], Ids(router.Route(Request(), T0)));
        router.Dispatched(b, Request(), T0);
        var d = router.Route(Request(), T0);
        Assert.Equal(RouteOutcome.AllBusy, d.Outcome);
        Assert.Equal("every endpoint of model 'llama-3-8b' is at capacity (2)", d.Reason);
        router.Completed(a, 0.1, 0.01);
        Assert.Equal(["a"], Ids(router.Route(Request(), T0)));
    }

    [Fact]
    public void Route_LongerThanEveryContext_IsRefusedNamingTheLimit()
    {
        var router = new TokenRouter([Make("a", context: 4096), Make("b", context: 2048)]);
        var d = router.Route(Request(input: 4000, output: 200), T0);
        Assert.Equal(RouteOutcome.ContextTooLong, d.Outcome);
        Assert.Equal("the request needs 4200 tokens (prompt and output cap); model 'llama-3-8b' takes at most 4096", d.Reason);
    }

    [Fact]
    public void RoundRobin_TakesEachCandidateInTurn()
    {
        var router = new TokenRouter([Make("a"), Make("b"), Make("c")], new RouterOptions { Policy = RoutingPolicy.RoundRobin });
        var firsts = Enumerable.Range(0, 4).Select(_ => router.Route(Request(), T0).Endpoints[0].Id).ToArray();
        Assert.Equal(["a", "b", "c", "a"], firsts);
        Assert.Equal(["b", "c", "a"], Ids(router.Route(Request(), T0)));
    }

    [Fact]
    public void LeastLoad_OrdersByInFlightPerCapacity()
    {
        var a = Make("a", capacity: 4);
        var b = Make("b", capacity: 16);
        var c = Make("c", capacity: 8);
        var router = new TokenRouter([a, b, c], new RouterOptions { Policy = RoutingPolicy.LeastLoad });
        Dispatch(router, a, 2);
        Dispatch(router, b, 2);
        Dispatch(router, c, 2);
        Assert.Equal(["b", "c", "a"], Ids(router.Route(Request(), T0)));
    }

    [Fact]
    public void Price_OrdersByCostInTheBaseCurrency()
    {
        var cny = Make("cny", input: 2m, output: 8m);
        var usd = new InferenceEndpoint
        {
            Id = "usd", SiteId = "usd", Country = "US", ModelId = "llama-3-8b", Capacity = 8,
            InputPricePerMillion = 0.1m, OutputPricePerMillion = 0.4m, Currency = "USD", RateToBase = 7.2m,
        };
        // 0.1 and 0.4 USD at 7.2 are 0.72 and 2.88 CNY: cheaper than 1 and 4 CNY.
        var cheap = Make("cheap", input: 1m, output: 4m);
        var router = new TokenRouter([cny, usd, cheap], new RouterOptions { Policy = RoutingPolicy.Price });
        Assert.Equal(["usd", "cheap", "cny"], Ids(router.Route(Request(), T0)));
    }

    [Fact]
    public void PrefixAffinity_SendsASharedPrefixWhereItWasLastServed()
    {
        var a = Make("a");
        var b = Make("b");
        var router = new TokenRouter([a, b], new RouterOptions { Policy = RoutingPolicy.PrefixAffinity, AffinityLoadSlack = 0.5 });
        router.Dispatched(b, Request(blocks: [1, 2, 3]), T0);
        var d = router.Route(Request(blocks: [1, 2, 7]), T0);
        Assert.Equal(["b", "a"], Ids(d));
        Assert.Equal(2, d.MatchedBlocks);
    }

    [Fact]
    public void PrefixAffinity_PrefersTheLongestMatch()
    {
        var a = Make("a");
        var b = Make("b");
        var c = Make("c");
        var router = new TokenRouter([a, b, c], new RouterOptions { Policy = RoutingPolicy.PrefixAffinity, AffinityLoadSlack = 1 });
        router.Dispatched(a, Request(blocks: [1, 2, 3]), T0);
        router.Dispatched(b, Request(blocks: [1, 2, 9]), T0);
        var d = router.Route(Request(blocks: [1, 2, 3, 4]), T0);
        Assert.Equal("a", d.Endpoints[0].Id);
        Assert.Equal(3, d.MatchedBlocks);
    }

    [Fact]
    public void PrefixAffinity_BeyondTheLoadBound_GoesToTheLeastLoaded()
    {
        var a = Make("a", capacity: 4);
        var b = Make("b", capacity: 4);
        var router = new TokenRouter([a, b], new RouterOptions { Policy = RoutingPolicy.PrefixAffinity, AffinityLoadSlack = 0.25 });
        router.Dispatched(b, Request(blocks: [1, 2]), T0);
        Assert.Equal("b", router.Route(Request(blocks: [1, 2]), T0).Endpoints[0].Id);
        router.Dispatched(b, Request(blocks: [1, 2]), T0);
        var d = router.Route(Request(blocks: [1, 2]), T0);
        Assert.Equal(["a", "b"], Ids(d));
        Assert.Equal(0, d.MatchedBlocks);
    }

    [Fact]
    public void PrefixAffinity_NoMatch_IsLeastLoad()
    {
        var a = Make("a");
        var b = Make("b");
        var router = new TokenRouter([a, b], new RouterOptions { Policy = RoutingPolicy.PrefixAffinity });
        router.Dispatched(a, Request(blocks: [5]), T0);
        Assert.Equal(["b", "a"], Ids(router.Route(Request(blocks: [6]), T0)));
    }

    [Fact]
    public void NewRouter_FromAPrevious_KeepsPrefixesWithTheirEndpointsById()
    {
        var a = Make("a");
        var b = Make("b");
        var previous = new TokenRouter([a, b], new RouterOptions { Policy = RoutingPolicy.PrefixAffinity, AffinityLoadSlack = 0.5 });
        previous.Dispatched(b, Request(blocks: [1, 2]), T0);
        previous.Dispatched(a, Request(blocks: [5, 6]), T0);

        // b moves to the front, a is gone, c is new.
        var c = Make("c");
        var b2 = Make("b");
        var router = new TokenRouter([b2, c], new RouterOptions { Policy = RoutingPolicy.PrefixAffinity, AffinityLoadSlack = 0.5 }, previous);

        var d = router.Route(Request(blocks: [1, 2]), T0);
        Assert.Equal(("b", 2), (d.Endpoints[0].Id, d.MatchedBlocks));
        Assert.Equal(0, router.Route(Request(blocks: [5, 6]), T0).MatchedBlocks);
        Assert.Equal(2, router.AffinityEntries);
    }

    [Fact]
    public void Combined_EqualPriceAndCarbon_PrefersTheFasterEndpoint()
    {
        var router = new TokenRouter([Make("slow", ttft: 1, perToken: 0.05), Make("fast", ttft: 0.1, perToken: 0.01)]);
        Assert.Equal(["fast", "slow"], Ids(router.Route(Request(), T0)));
    }

    [Fact]
    public void Combined_EqualLatency_PrefersTheCheaperAndGreener()
    {
        var router = new TokenRouter([Make("dear", input: 5, output: 20, carbon: 800), Make("green", carbon: 20), Make("grey", carbon: 600)]);
        Assert.Equal(["green", "grey", "dear"], Ids(router.Route(Request(), T0)));
    }

    [Fact]
    public void Combined_CachedPrefix_OutweighsASmallLatencyLead()
    {
        var a = Make("a", ttft: 0.9, perToken: 0.01);
        var b = Make("b", ttft: 1.0, perToken: 0.01);
        var router = new TokenRouter([a, b], new RouterOptions { AffinityLoadSlack = 0.5 });
        Assert.Equal("a", router.Route(Request(blocks: [1, 2]), T0).Endpoints[0].Id);
        router.Dispatched(b, Request(blocks: [1, 2]), T0);
        router.Completed(b, 1.0, 0.01);
        Assert.Equal("b", router.Route(Request(blocks: [1, 2], input: 1024), T0).Endpoints[0].Id);
    }

    [Fact]
    public void Completed_FoldsMeasurementsIntoTheMeans()
    {
        var a = Make("a", ttft: 5, perToken: 1);
        var router = new TokenRouter([a]);
        router.Dispatched(a, Request(), T0);
        Assert.Equal(1, a.InFlight);
        router.Completed(a, 1.0, 0.1);
        Assert.Equal(0, a.InFlight);
        Assert.Equal(1.0, a.TtftSeconds, 9);
        router.Dispatched(a, Request(), T0);
        router.Completed(a, 2.0, 0.2);
        Assert.Equal(1.2, a.TtftSeconds, 9);
        Assert.Equal(0.12, a.PerTokenSeconds, 9);
    }

    [Fact]
    public void Constructor_DuplicateIdOrUnknownCountry_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TokenRouter([Make("a"), Make("a")]));
        Assert.Throws<ArgumentException>(() => new TokenRouter([Make("a", "XX")]));
    }

    [Fact]
    public void Policies_ParseTheirNames()
    {
        foreach (var name in RoutingPolicies.Names)
        {
            Assert.True(RoutingPolicies.TryParse(name, out var p));
            Assert.Equal(name, RoutingPolicies.NameOf(p));
        }

        Assert.False(RoutingPolicies.TryParse("fastest", out _));
    }

    private static void Dispatch(TokenRouter router, InferenceEndpoint e, int times)
    {
        for (var i = 0; i < times; i++)
        {
            router.Dispatched(e, Request(), T0);
        }
    }
}
