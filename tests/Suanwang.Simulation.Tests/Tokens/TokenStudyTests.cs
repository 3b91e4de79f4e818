using System.Text.Json;
using Suanwang.Scheduling.Tokens;
using Suanwang.Simulation.Tokens;

namespace Suanwang.Simulation.Tests.Tokens;

public class TokenStudyTests
{
    private static TokenComparison Study() => TokenStudy.Run(
        TokenSamples.TokensNetwork,
        TokenTraceReader.Read([TokenSamples.Sessions]),
        [RoutingPolicy.RoundRobin, RoutingPolicy.PrefixAffinity],
        new TokenSimulationOptions(RoutingPolicy.Combined));

    [Fact]
    public void Run_OneResultPerPolicyInOrder_AndTheEndpoints()
    {
        var c = Study();
        Assert.Equal(["round-robin", "prefix-affinity"], c.Results.Select(r => r.Policy));
        Assert.Equal(275, c.Requests);
        Assert.Equal(15, c.Endpoints.Count);
        Assert.Equal("cn-beijing-core/Ascend-910B/0", c.Endpoints[0].Id);
        Assert.All(c.Endpoints, e => Assert.True(e.InputPricePerMillion > 0 && e.OutputPricePerMillion > 0));
    }

    [Fact]
    public void Json_IsOneObjectWithSnakeCaseFigures()
    {
        using var doc = JsonDocument.Parse(TokenJson.Serialize(Study()));
        var results = doc.RootElement.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal("prefix-affinity", results[1].GetProperty("policy").GetString());
        Assert.True(results[1].GetProperty("ttft_p99_s").GetDouble() > 0);
        Assert.True(results[1].GetProperty("prefix_reuse").GetDouble() > 0);
        Assert.Equal("tokens-8", doc.RootElement.GetProperty("network").GetString());
    }

    [Fact]
    public void Html_ListsEveryPolicyAndEndpoint()
    {
        var c = Study();
        var html = TokenReport.Render(c);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<td>prefix-affinity</td>", html, StringComparison.Ordinal);
        Assert.Contains("se-lulea-hub/A100-40GB/0", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_HasTheCommandAndTheTable()
    {
        var md = TokenStudyMarkdown.Render(Study(), "suanwang sim tokens --trace x");
        Assert.Contains("suanwang sim tokens --trace x", md, StringComparison.Ordinal);
        Assert.Contains("| round-robin | 275 |", md, StringComparison.Ordinal);
        Assert.Contains("prefill time per prompt token = 2*N* / (0.4 *F*)", md, StringComparison.Ordinal);
    }
}
