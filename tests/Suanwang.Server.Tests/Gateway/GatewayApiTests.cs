using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using OpenAI.Embeddings;
using Suanwang.Protocol;
using Suanwang.Protocol.Tenants;

namespace Suanwang.Server.Tests.Gateway;

public sealed class GatewayApiTests : IAsyncLifetime
{
    private GatewayServer _gateway = null!;
    private FakeUpstream _upstream = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayServer.StartAsync();
        _upstream = await FakeUpstream.StartAsync();
        await _gateway.AddSiteAsync("cn-a", "CN", _upstream);
        _key = await _gateway.KeyAsync("acme");
        await _gateway.TopUpAsync("acme", "100.00");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

    [Fact]
    public async Task ModelsList_WithTheOpenAiSdk_NamesThePublishedModel()
    {
        var models = (await _gateway.OpenAi(_key).GetOpenAIModelClient().GetModelsAsync()).Value;

        Assert.Equal("fake", Assert.Single(models).Id);
    }

    [Fact]
    public async Task Chat_WithTheOpenAiSdk_AnswersAndRecordsTheUsageTheUpstreamReported()
    {
        var chat = _gateway.OpenAi(_key).GetChatClient("fake");

        var completion = (await chat.CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { MaxOutputTokenCount = 3 })).Value;

        Assert.Equal("t0 t1 t2", completion.Content[0].Text);
        var usage = Assert.Single(await _gateway.UsageAsync("acme"));
        Assert.Equal(("fake", "cn-a", "owner-of-cn-a", 10L, 3L, "ok"), (usage.Model, usage.Site, usage.Owner, usage.PromptTokens, usage.CompletionTokens, usage.Outcome));
        // 10 x 1000 + 3 x 3000 CNY per million tokens = 0.019 CNY.
        Assert.Equal(19_000_000, usage.CostNanos);
    }

    [Fact]
    public async Task ChatStream_WithTheOpenAiSdk_StreamsEveryTokenAndAsksTheUpstreamForUsage()
    {
        var chat = _gateway.OpenAi(_key).GetChatClient("fake");
        var text = new StringBuilder();

        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("hi")], new ChatCompletionOptions { MaxOutputTokenCount = 4 }))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("t0 t1 t2 t3 ", text.ToString());
        Assert.True(_upstream.LastBody!["stream_options"]!["include_usage"]!.GetValue<bool>());
        var usage = Assert.Single(await _gateway.UsageAsync("acme"));
        Assert.Equal((10L, 4L, "ok"), (usage.PromptTokens, usage.CompletionTokens, usage.Outcome));
    }

    [Fact]
    public async Task CompletionsAndEmbeddings_AreRelayedAndMetered()
    {
        var client = _gateway.Gateway(_key);

        var completion = await client.PostAsync("/v1/completions", Json("""{"model": "fake", "prompt": "once", "max_tokens": 2}"""));
        var embedding = (await _gateway.OpenAi(_key).GetEmbeddingClient("fake").GenerateEmbeddingAsync("hello")).Value;

        Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
        Assert.Equal("t0 t1", JsonDocument.Parse(await completion.Content.ReadAsStringAsync()).RootElement.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal([0.5f, -0.5f], embedding.ToFloats().ToArray());
        var usage = await _gateway.UsageAsync("acme");
        Assert.Equal([(10L, 2L), (10L, 0L)], usage.Select(u => (u.PromptTokens, u.CompletionTokens)));
    }

    [Theory]
    [InlineData("""{"model": "nope", "messages": [{"role": "user", "content": "hi"}]}""", 404, "model", "model_not_found")]
    [InlineData("""{"model": "fake", "messages": [{"role": "user", "content": "hi"}], "max_tokens": -1}""", 400, "max_tokens", "integer_below_min_value")]
    [InlineData("""{"model": "fake", "messages": [{"role": "user", "content": "hi"}], "max_tokens": "x"}""", 400, "max_tokens", "invalid_type")]
    [InlineData("""{"model": "fake", "messages": [""", 400, null, "invalid_json")]
    [InlineData("""[1, 2]""", 400, null, "invalid_json")]
    [InlineData("""{"messages": []}""", 400, "model", "missing_required_parameter")]
    [InlineData("""{"model": "fake", "messages": []}""", 400, "messages", "invalid_type")]
    public async Task BadInput_GetsA4xxInOpenAiFormat_AndHoldsAndRecordsNothing(string body, int status, string? param, string code)
    {
        var wallet = await _gateway.WalletAsync("acme");

        var response = await _gateway.Gateway(_key).PostAsync("/v1/chat/completions", Json(body));

        Assert.Equal(status, (int)response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal((param, code), (error.GetProperty("param").GetString(), error.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(0, _upstream.Requests);
        Assert.Empty(await _gateway.UsageAsync("acme"));
        Assert.Equal(wallet, await _gateway.WalletAsync("acme"));
    }

    [Fact]
    public async Task TenMegabytePrompt_Gets413InOpenAiFormat()
    {
        var prompt = new string('a', 10 * 1024 * 1024);

        // Expect: 100-continue, so the client hears the refusal before it has sent 10 MB.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(GatewayServer.Chat(content: prompt)) };
        request.Headers.ExpectContinue = true;

        var response = await _gateway.Gateway(_key).SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (await ErrorAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, _upstream.Requests);
    }

    [Fact]
    public async Task UnknownModel_WithTheOpenAiSdk_RaisesItsUsual404()
    {
        var chat = _gateway.OpenAi(_key).GetChatClient("nope");

        var error = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task NoKeyOrAWrongKey_Gets401InOpenAiFormat()
    {
        using var anonymous = new HttpClient { BaseAddress = _gateway.Server.Server.Url };

        var none = await anonymous.PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()));
        var wrong = await _gateway.Gateway("sw_wrong").PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()));

        Assert.Equal((HttpStatusCode.Unauthorized, "missing_api_key"), (none.StatusCode, (await ErrorAsync(none)).GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_api_key"), (wrong.StatusCode, (await ErrorAsync(wrong)).GetProperty("code").GetString()));
    }

    [Fact]
    public async Task AProvidersKey_Gets403InOpenAiFormat_AndNoTokens()
    {
        var issued = await _gateway.Admin.PostAsync("/api/v1/providers/Test%20Compute/keys", null);
        var key = (await issued.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!.Key;

        var refused = await _gateway.Gateway(key).PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()));

        Assert.Equal((HttpStatusCode.Forbidden, "provider_key"), (refused.StatusCode, (await ErrorAsync(refused)).GetProperty("code").GetString()));
    }

    [Fact]
    public async Task KeyOverItsRequestsPerMinute_Gets429WithRetryAfter()
    {
        var limited = _gateway.Gateway(await _gateway.KeyAsync("acme", new NewApiKey(RequestsPerMinute: 2)));

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await limited.PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        var refused = await limited.PostAsync("/v1/chat/completions", Json(GatewayServer.Chat()));
        Assert.Equal("rate_limit_exceeded", (await ErrorAsync(refused)).GetProperty("code").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task Metrics_CountRequestsAndTokensPerModelAndSite()
    {
        await _gateway.Gateway(_key).PostAsync("/v1/chat/completions", Json(GatewayServer.Chat(maxTokens: 3)));

        var text = await _gateway.Admin.GetStringAsync("/metrics");

        Assert.Contains("suanwang_gateway_requests_total{model=\"fake\",outcome=\"ok\",status=\"200\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("suanwang_gateway_tokens_total{model=\"fake\",site=\"cn-a\",kind=\"completion\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("suanwang_gateway_time_to_first_token_seconds_count{model=\"fake\",site=\"cn-a\"} 1", text, StringComparison.Ordinal);
    }
}
