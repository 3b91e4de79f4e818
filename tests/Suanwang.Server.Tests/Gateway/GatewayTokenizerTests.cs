using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using Suanwang.Protocol;
using Suanwang.Protocol.Tokens;

namespace Suanwang.Server.Tests.Gateway;

/// <summary>Holds with the endpoint's tokenizer: the prompt counted with it plus the output cap, at the endpoint's prices, to the nano.</summary>
public sealed class GatewayTokenizerTests : IAsyncLifetime
{
    // The gateway's default chat template allowances (GatewayOptions).
    private const int PerMessage = 8;
    private const int PerRequest = 16;
    private const string Content = "Résumé of the quarter:\n\"revenue\" up 12%, costs down — a good one. 你好，世界";
    private GatewayServer _gateway = null!;
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayServer.StartAsync();
        _upstream = await FakeUpstream.StartAsync();
        await _gateway.Server.RegisterAsync(GatewayServer.SiteYaml("cn-a", "CN"));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    public static TheoryData<string> Tokenizers => new() { SiteModel.Cl100k, SiteModel.O200k, SiteModel.Bytes };

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public async Task Hold_IsThePromptCountedWithTheTokenizerPlusTheCap_AtThePrices_ToTheFen(string tokenizer)
    {
        await PublishAsync(tokenizer);
        var prompt = Count(tokenizer, "user") + Count(tokenizer, Content) + PerMessage + PerRequest;
        // A cap that makes the hold a whole number of fen: prompt x 0.1 fen + cap x 0.3 fen.
        var cap = ((10 - (prompt % 10)) * 7 % 10) is var c && c == 0 ? 10 : c;
        var holdFen = (prompt + (3 * cap)) / 10;
        Assert.Equal(0, (prompt + (3 * cap)) % 10);

        // One fen short: 402, naming the bound, and nothing reaches the upstream.
        var shortKey = await _gateway.KeyAsync("short");
        await _gateway.TopUpAsync("short", Fen(holdFen - 1));
        var refused = await _gateway.Gateway(shortKey).PostAsync("/v1/chat/completions", Body(cap));
        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        var message = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains($"it may cost up to {(holdFen / 100m).ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture)} CNY ({prompt} prompt tokens at most and {cap} output tokens)", message, StringComparison.Ordinal);
        Assert.Equal(0, _upstream.Requests);

        // Exactly the hold: served.
        var exactKey = await _gateway.KeyAsync("exact");
        await _gateway.TopUpAsync("exact", Fen(holdFen));
        var served = await _gateway.Gateway(exactKey).PostAsync("/v1/chat/completions", Body(cap));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(1, _upstream.Requests);
    }

    [Fact]
    public async Task WithoutReportedUsage_ThePromptIsBilledAtTheTokenizersCount()
    {
        await PublishAsync(SiteModel.Cl100k);
        _upstream.ReportUsage = false;
        var key = await _gateway.KeyAsync("acme");
        await _gateway.TopUpAsync("acme", "10.00");

        (await _gateway.Gateway(key).PostAsync("/v1/chat/completions", Body(5))).EnsureSuccessStatusCode();

        var usage = Assert.Single(await _gateway.UsageAsync("acme"));
        Assert.Equal(Count(SiteModel.Cl100k, "user") + Count(SiteModel.Cl100k, Content) + PerMessage + PerRequest, usage.PromptTokens);
    }

    [Fact]
    public async Task UnknownTokenizer_IsRefusedAtPublishing_NamingTheField()
    {
        var response = await _gateway.Admin.PutAsJsonAsync(
            "/api/v1/agents/cn-a/models",
            new SiteModels([new SiteModel("fake", _upstream.Url, "external", 4096, 16, GatewayServer.InputPrice, GatewayServer.OutputPrice, "CNY", true, "gpt9")]),
            ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("models[0].tokenizer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SiteModel.Gguf, null, "models[0].tokenizer_digest")]
    [InlineData(SiteModel.Gguf, "ABC", "models[0].tokenizer_digest")]
    [InlineData(SiteModel.Bytes, "0000000000000000000000000000000000000000000000000000000000000000", "only tokenizer gguf takes a digest")]
    public async Task GgufTokenizer_WithoutItsDigest_OrADigestElsewhere_IsRefusedAtPublishing_NamingTheField(string tokenizer, string? digest, string named)
    {
        var response = await _gateway.Admin.PutAsJsonAsync(
            "/api/v1/agents/cn-a/models",
            new SiteModels([new SiteModel("fake", _upstream.Url, "builtin", 4096, 16, GatewayServer.InputPrice, GatewayServer.OutputPrice, "CNY", true, tokenizer, digest)]),
            ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GgufEndpoint_WhoseVocabularyCannotBeFetched_IsHeldInBytes_AndServed()
    {
        await _gateway.PublishAsync("cn-a", new SiteModel("fake", _upstream.Url, "builtin", 4096, 1024, GatewayServer.InputPrice, GatewayServer.OutputPrice, "CNY", true, SiteModel.Gguf, new string('a', 64)));
        _upstream.ReportUsage = false;
        var key = await _gateway.KeyAsync("acme");
        await _gateway.TopUpAsync("acme", "10.00");

        (await _gateway.Gateway(key).PostAsync("/v1/chat/completions", Body(5))).EnsureSuccessStatusCode();

        var usage = Assert.Single(await _gateway.UsageAsync("acme"));
        Assert.Equal(Count(SiteModel.Bytes, "user") + Count(SiteModel.Bytes, Content) + PerMessage + PerRequest, usage.PromptTokens);
    }

    [Fact]
    public async Task Metrics_CountTheGatewaysOwnTimePerRequest()
    {
        await PublishAsync(SiteModel.Bytes);
        var key = await _gateway.KeyAsync("acme");
        await _gateway.TopUpAsync("acme", "10.00");
        for (var i = 0; i < 3; i++)
        {
            (await _gateway.Gateway(key).PostAsync("/v1/chat/completions", Body(5))).EnsureSuccessStatusCode();
        }

        var text = await _gateway.Admin.GetStringAsync("/metrics");

        Assert.Contains("# TYPE suanwang_gateway_overhead_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("suanwang_gateway_overhead_seconds_count{model=\"fake\",site=\"cn-a\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("suanwang_gateway_overhead_seconds_bucket{model=\"fake\",site=\"cn-a\",le=\"+Inf\"} 3", text, StringComparison.Ordinal);
    }

    private static int Count(string tokenizer, string text) => tokenizer switch
    {
        SiteModel.Cl100k => TiktokenTokenizer.CreateForEncoding("cl100k_base").CountTokens(text),
        SiteModel.O200k => TiktokenTokenizer.CreateForEncoding("o200k_base").CountTokens(text),
        _ => Encoding.UTF8.GetByteCount(text),
    };

    private static string Fen(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static StringContent Body(int cap) => new(
        JsonSerializer.Serialize(new { model = "fake", messages = new[] { new { role = "user", content = Content } }, max_tokens = cap }),
        Encoding.UTF8,
        "application/json");

    private Task PublishAsync(string tokenizer) =>
        _gateway.PublishAsync("cn-a", new SiteModel("fake", _upstream.Url, "external", 4096, 1024, GatewayServer.InputPrice, GatewayServer.OutputPrice, "CNY", true, tokenizer));
}
