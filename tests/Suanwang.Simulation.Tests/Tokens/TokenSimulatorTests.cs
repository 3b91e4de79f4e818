using Suanwang.Scheduling.Tokens;
using Suanwang.Simulation.Tokens;

namespace Suanwang.Simulation.Tests.Tokens;

public class TokenSimulatorTests
{
    private static TokenPolicyResult Run(Core.Networks.Network network, TokenTrace trace, RoutingPolicy policy = RoutingPolicy.Combined, double restricted = 0, string[]? to = null) =>
        new TokenSimulator(network, trace, new TokenSimulationOptions(policy, 1, restricted, to)).Run();

    private static EndpointHardware Hardware(string card, int cards = 1)
    {
        Assert.True(Core.Accelerators.AcceleratorCatalog.Default.TryGet(card, out var model));
        return new EndpointHardware(model, cards, ServedModel.Llama8B);
    }

    [Fact]
    public void OneRequest_TakesItsPrefillThenOneDecodeStepPerToken()
    {
        var hw = Hardware("H100-SXM");
        var r = Run(TokenSamples.Sites(("sg", "SG", "H100-SXM", 1)), TokenSamples.Trace((0, 1024, 11, [])));
        var ttft = 1024 * hw.PrefillSecondsPerToken;
        Assert.Equal(1, r.Completed);
        Assert.Equal(ttft, r.TtftP50S, 9);
        Assert.Equal(ttft + (10 * hw.DecodeStepSeconds(1)), r.E2eP99S, 9);
        Assert.Equal(1024, r.InputTokens);
        Assert.Equal(11, r.OutputTokens);
    }

    [Fact]
    public void SharedPrefix_SkipsThePrefillOfCachedBlocks()
    {
        var hw = Hardware("H100-SXM");
        var r = Run(
            TokenSamples.Sites(("sg", "SG", "H100-SXM", 1)),
            TokenSamples.Trace((0, 1500, 1, [1, 2, 3]), (10, 1500, 1, [1, 2, 3]), (20, 1100, 1, [1, 2, 7])));
        Assert.Equal(1499 + 1024, r.CachedTokens);
        // Time to first token: 1 token for the second request, 1100 - 1024 for the third, all 1500 for the first.
        Assert.Equal(76 * hw.PrefillSecondsPerToken, r.TtftP50S, 12);
        Assert.Equal(1500 * hw.PrefillSecondsPerToken, r.TtftP99S, 12);
    }

    [Fact]
    public void Prefill_IsOnePromptAtATime()
    {
        var hw = Hardware("H100-SXM");
        var r = Run(TokenSamples.Sites(("sg", "SG", "H100-SXM", 1)), TokenSamples.Trace((0, 2000, 1, []), (0, 2000, 1, [])));
        Assert.Equal(4000 * hw.PrefillSecondsPerToken, r.TtftP99S, 12);
    }

    [Fact]
    public void MoreRequestsThanCapacity_WaitAtTheGatewayAndAllFinish()
    {
        var a10 = Hardware("A10");
        var requests = Enumerable.Range(0, 3 * a10.BatchSlots).Select(_ => (0.0, 600, 50, Array.Empty<ulong>())).ToArray();
        var r = Run(TokenSamples.Sites(("de", "DE", "A10", 1)), TokenSamples.Trace(requests), RoutingPolicy.LeastLoad);
        Assert.Equal(requests.Length, r.Completed);
        Assert.Equal(a10.BatchSlots, r.QueuedAtGateway);
        Assert.Equal(0, r.Refused);
    }

    [Theory]
    [InlineData(RoutingPolicy.RoundRobin)]
    [InlineData(RoutingPolicy.LeastLoad)]
    [InlineData(RoutingPolicy.Price)]
    [InlineData(RoutingPolicy.PrefixAffinity)]
    [InlineData(RoutingPolicy.Combined)]
    public void RestrictedRequests_AreServedOnlyInTheirCountry(RoutingPolicy policy)
    {
        var network = TokenSamples.Sites(("cn", "CN", "A100-80GB", 1), ("sg", "SG", "H100-SXM", 1));
        var trace = TokenTraceReader.Read([TokenSamples.AzureCode]);
        var r = Run(network, trace, policy, restricted: 1, to: ["CN"]);
        Assert.Equal(0, r.RequestsPerSite["sg"]);
        Assert.Equal(trace.Count, r.Completed + r.Refused);
        Assert.Equal(r.Completed, r.RequestsPerSite["cn"]);
    }

    [Fact]
    public void RestrictedToACountryWithoutSites_AreAllRefused()
    {
        var trace = TokenSamples.Trace((0, 100, 5, []), (1, 100, 5, []));
        var r = Run(TokenSamples.Sites(("sg", "SG", "H100-SXM", 1)), trace, restricted: 1, to: ["CN"]);
        Assert.Equal(2, r.Refused);
        Assert.Equal(0, r.Completed);
    }

    [Fact]
    public void TooLongForTheContext_IsRefused()
    {
        var r = Run(TokenSamples.Sites(("sg", "SG", "H100-SXM", 1)), TokenSamples.Trace((0, 8000, 500, []), (1, 100, 5, [])));
        Assert.Equal(1, r.Refused);
        Assert.Equal(1, r.Completed);
    }

    [Fact]
    public void SameSeed_SameResults()
    {
        var trace = TokenTraceReader.Read([TokenSamples.Sessions]);
        var a = Run(TokenSamples.TokensNetwork, trace, RoutingPolicy.Combined, 0.3, ["CN"]);
        var b = Run(TokenSamples.TokensNetwork, trace, RoutingPolicy.Combined, 0.3, ["CN"]);
        Assert.Equal((a.TtftP50S, a.TtftP99S, a.E2eP50S, a.E2eP99S, a.CachedTokens, a.Cost, a.Co2Kg, a.Events),
            (b.TtftP50S, b.TtftP99S, b.E2eP50S, b.E2eP99S, b.CachedTokens, b.Cost, b.Co2Kg, b.Events));
        Assert.Equal(a.RequestsPerSite, b.RequestsPerSite);
    }

    [Fact]
    public void SessionsSample_PrefixAffinityReusesMoreThanRoundRobin()
    {
        var trace = TokenTraceReader.Read([TokenSamples.Sessions]);
        var roundRobin = Run(TokenSamples.TokensNetwork, trace, RoutingPolicy.RoundRobin);
        var affinity = Run(TokenSamples.TokensNetwork, trace, RoutingPolicy.PrefixAffinity);
        Assert.Equal(trace.Count, affinity.Completed);
        Assert.True(affinity.PrefixReuse > roundRobin.PrefixReuse + 0.2, $"{affinity.PrefixReuse:P1} against {roundRobin.PrefixReuse:P1}");
        Assert.True(affinity.TtftP99S < roundRobin.TtftP99S);
    }

    [Fact]
    public void AzureSample_EveryRequestEnds_WithEnergyAndCost()
    {
        var trace = TokenTraceReader.Read([TokenSamples.AzureCode, TokenSamples.AzureConv]);
        var r = Run(TokenSamples.TokensNetwork, trace);
        Assert.Equal(trace.Count, r.Completed + r.Refused);
        Assert.Equal(r.Completed, r.RequestsPerSite.Values.Sum());
        Assert.True(r.TtftP50S <= r.TtftP99S && r.E2eP50S <= r.E2eP99S && r.TtftP99S <= r.E2eP99S);
        Assert.True(r.Cost > 0 && r.EnergyKwh > 0 && r.Co2Kg > 0);
        Assert.Equal(0, r.CachedTokens);
    }
}
