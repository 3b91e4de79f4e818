using System.Text;
using Suanwang.Server.Gateway;

namespace Suanwang.Server.Tests.Gateway;

/// <summary>The gateway's one-pass reading of request bodies and answers.</summary>
public sealed class GatewayRequestTests
{
    private static GatewayRequest Parse(string json, GatewayRoute route = GatewayRoute.Chat) =>
        GatewayRequest.Parse(Encoding.UTF8.GetBytes(json), route, tokensPerMessage: 8, tokensPerRequest: 16);

    private static GatewayError Refused(string json, GatewayRoute route = GatewayRoute.Chat) =>
        Assert.Throws<GatewayError>(() => Parse(json, route));

    [Fact]
    public void Chat_CountsTheUnescapedBytesOfEveryStringValue_AndTheTemplatesAllowance()
    {
        var request = Parse("""{"model":"m","max_tokens":7,"messages":[{"role":"user","content":"h\u00e9\n"},{"role":"assistant","content":[{"type":"text","text":"ok"}]}],"stream":false}""");

        Assert.Equal(("m", false, 7L), (request.Model, request.Stream, request.OutputCap));
        // user + "hé\n" (4 bytes) + assistant + text + ok; keys are not counted.
        Assert.Equal(4 + 4 + 9 + 4 + 2, request.PromptBytes);
        Assert.Equal(16 + (2 * 8), request.TemplateTokens);
        Assert.Equal(request.PromptBytes + request.TemplateTokens, request.PromptBound);
    }

    [Fact]
    public void Completions_CountTokenIdsAsOneEach()
    {
        var request = Parse("""{"model":"m","prompt":[[1,2,3],"abc"]}""", GatewayRoute.Completions);

        Assert.Equal((3L, 3L, 16L), (request.PromptBytes, request.PromptNumbers, request.TemplateTokens));
    }

    [Fact]
    public void PrefixBlocks_AreTheSameForTheSamePromptAndDifferAfterADifferentStart()
    {
        var text = new string('a', 5000);
        var one = Parse($$"""{"model":"m","messages":[{"role":"user","content":"{{text}}"}]}""");
        var two = Parse($$"""{"messages":[{"content":"{{text}}","role":"user"}],"model":"m"}""");
        var other = Parse($$"""{"model":"m","messages":[{"role":"user","content":"b{{text}}"}]}""");

        Assert.Equal(2, one.PrefixBlocks.Length);
        Assert.NotEqual(one.PrefixBlocks, two.PrefixBlocks);
        Assert.Equal(one.PrefixBlocks, Parse($$"""{"model":"m","messages":[{"role":"user","content":"{{text}}"}]}""").PrefixBlocks);
        Assert.NotEqual(one.PrefixBlocks[0], other.PrefixBlocks[0]);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}]""", null, "invalid_json")]
    [InlineData("""{"model":"m","messages":[]} x""", null, "invalid_json")]
    [InlineData("""[{"model":"m"}]""", null, "invalid_json")]
    [InlineData("""{"model":"m","model":"n","messages":[{"content":"x"}]}""", "model", "duplicate_parameter")]
    [InlineData("""{"model":"m","max_tokens":1,"max_tokens":9,"messages":[{"content":"x"}]}""", "max_tokens", "duplicate_parameter")]
    [InlineData("""{"messages":[{"content":"x"}]}""", "model", "missing_required_parameter")]
    [InlineData("""{"model":null,"messages":[{"content":"x"}]}""", "model", "missing_required_parameter")]
    [InlineData("""{"model":5,"messages":[{"content":"x"}]}""", "model", "invalid_type")]
    [InlineData("""{"model":"m","stream":"yes","messages":[{"content":"x"}]}""", "stream", "invalid_type")]
    [InlineData("""{"model":"m","max_tokens":2.5,"messages":[{"content":"x"}]}""", "max_tokens", "invalid_type")]
    [InlineData("""{"model":"m","max_tokens":-1,"messages":[{"content":"x"}]}""", "max_tokens", "integer_below_min_value")]
    [InlineData("""{"model":"m","max_completion_tokens":10000001,"messages":[{"content":"x"}]}""", "max_completion_tokens", "integer_above_max_value")]
    [InlineData("""{"model":"m","messages":{}}""", "messages", "invalid_type")]
    [InlineData("""{"model":"m","messages":[]}""", "messages", "invalid_type")]
    [InlineData("""{"model":"m","messages":[{"content":"x"},"hi"]}""", "messages[1]", "invalid_type")]
    public void BadBodies_AreRefusedNamingTheField(string json, string? param, string code)
    {
        var error = Refused(json);

        Assert.Equal((400, param, code), (error.Status, error.Param, error.Code));
    }

    [Fact]
    public void StreamOptions_AreReadWithoutATree()
    {
        Assert.Equal(GatewayRequest.StreamUsage.Absent, Parse("""{"model":"m","stream":true,"messages":[{"content":"x"}]}""").StreamUsageAsked);
        Assert.Equal(GatewayRequest.StreamUsage.Asked, Parse("""{"model":"m","stream":true,"stream_options":{"x":[1],"include_usage":true},"messages":[{"content":"x"}]}""").StreamUsageAsked);
        Assert.Equal(GatewayRequest.StreamUsage.NotAsked, Parse("""{"model":"m","stream":true,"stream_options":{"include_usage":false},"messages":[{"content":"x"}]}""").StreamUsageAsked);
        Assert.Equal(GatewayRequest.StreamUsage.NotAsked, Parse("""{"model":"m","stream":true,"stream_options":null,"messages":[{"content":"x"}]}""").StreamUsageAsked);
    }

    [Fact]
    public void Answers_GiveTheirUsage_OrTheBytesOfTheirText()
    {
        var reported = ReportedUsage.Read("""{"id":"x","choices":[{"message":{"role":"assistant","content":"hello"}}],"usage":{"prompt_tokens":10,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":4}}}"""u8);
        var unreported = ReportedUsage.Read("""{"choices":[{"message":{"content":"h\u00e9"}},{"text":"abc"},{"message":{"content":null},"text":"zz"}]}"""u8);
        var chunk = ReportedUsage.Read("""{"choices":[{"delta":{"content":"x"}}]}"""u8);
        var empty = ReportedUsage.Read("""{"choices":[{"delta":{"content":""}}]}"""u8);

        Assert.Equal(new ReportedUsage(10, 4, 5), reported.Usage);
        Assert.Null(unreported.Usage);
        Assert.Equal(3 + 3 + 2, unreported.OutputBytes);
        Assert.True(chunk.FirstChoiceHasText);
        Assert.False(empty.FirstChoiceHasText);
    }
}
