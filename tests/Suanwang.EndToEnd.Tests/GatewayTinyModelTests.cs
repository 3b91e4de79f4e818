using System.ClientModel;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Core.Market;
using Suanwang.Inference;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;
using Suanwang.Protocol.Market;
using Suanwang.Protocol.Tenants;
using Suanwang.Protocol.Tokens;
using Suanwang.Server.Hosting;
using Suanwang.Storage.Sqlite;
using Suanwang.Testing;

namespace Suanwang.EndToEnd.Tests;

/// <summary>The gateway in front of the built-in model server with the tiny model, driven by the official OpenAI SDK.</summary>
public sealed class GatewayTinyModelTests : IAsyncLifetime, IDisposable
{
    // 1000 CNY per million prompt tokens, 3000 per million output tokens.
    private const decimal InputPrice = 1000m;
    private const decimal OutputPrice = 3000m;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "suanwang-gateway-tiny", Guid.NewGuid().ToString("N"));
    private SqliteStore? _store;
    private RunningServer? _server;
    private ModelServer? _model;
    private HttpClient? _admin;

    public async Task InitializeAsync()
    {
        if (ModelPaths.Tiny is null)
        {
            return;
        }

        _store = SqliteStore.InDataFolder(_folder);
        _server = await SuanwangServer.StartAsync(new ServerOptions { Urls = "http://127.0.0.1:0", LogLevel = LogLevel.None }, _store);
        _model = await ModelServer.StartAsync(new ModelServerOptions { ModelId = "tiny", ModelPath = ModelPaths.Tiny, Capacity = 4, ContextLength = 512, Threads = 2 }, CancellationToken.None);
        _admin = new HttpClient { BaseAddress = _server.Url };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _server.AdminKey);
        var site = """
            id: cn-tiny
            owner: Tiny Compute
            jurisdiction: CN
            tier: edge
            carbon: 400
            pools:
              - { model: Ascend-910B, cards_per_node: 1, nodes: 1, price: 1 }
            """;
        (await _admin.PostAsJsonAsync("/api/v1/agents/register", new AgentRegistration(site, "local", "test"), ProtocolJson.Options)).EnsureSuccessStatusCode();
        var endpoint = _model.Endpoint;
        (await _admin.PutAsJsonAsync("/api/v1/agents/cn-tiny/models", new SiteModels([new SiteModel("tiny", endpoint.Url.AbsoluteUri, "builtin", endpoint.ContextLength, endpoint.Capacity, InputPrice, OutputPrice, "CNY")]), ProtocolJson.Options)).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant("acme"), ProtocolJson.Options)).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync("/api/v1/tenants/acme/topups", new NewTopUp("100.00", "CNY"), ProtocolJson.Options)).EnsureSuccessStatusCode();
    }

    public void Dispose() => _admin?.Dispose();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_model is not null)
        {
            await _model.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<OpenAIClient> TenantClientAsync(string tenant = "acme")
    {
        var issued = await _admin!.PostAsJsonAsync($"/api/v1/tenants/{tenant}/keys", new NewApiKey(Jurisdictions: ["CN"]), ProtocolJson.Options);
        issued.EnsureSuccessStatusCode();
        var key = (await issued.Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!.Key;
        return new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(_server!.Url, "/v1") });
    }

    [ModelFact]
    public async Task TinyModel_ThroughTheGateway_ListsChatsStreamsCompletesAndEmbeds_AndTheBalanceMovesByExactlyUsageTimesPrices()
    {
        var client = await TenantClientAsync();

        var models = (await client.GetOpenAIModelClient().GetModelsAsync()).Value;
        var chat = client.GetChatClient("tiny");
        var answer = (await chat.CompleteChatAsync([new UserChatMessage("Hello")], new ChatCompletionOptions { MaxOutputTokenCount = 8, Temperature = 0 })).Value;
        var streamed = new StringBuilder();
        ChatTokenUsage? streamUsage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hello")], new ChatCompletionOptions { MaxOutputTokenCount = 8, Temperature = 0 }))
        {
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }

            streamUsage ??= update.Usage;
        }

        var embedding = (await client.GetEmbeddingClient("tiny").GenerateEmbeddingAsync("Hello")).Value;

        Assert.Equal("tiny", Assert.Single(models).Id);
        Assert.Equal(8, answer.Usage.OutputTokenCount);
        Assert.Equal(answer.Content[0].Text, streamed.ToString());
        Assert.NotNull(streamUsage);
        Assert.NotEmpty(embedding.ToFloats().ToArray());

        await _server!.Services.GetRequiredService<UsageJournalWriter>().FlushAsync(CancellationToken.None);
        await _server.Services.GetRequiredService<TokenBiller>().BillAsync(CancellationToken.None);
        var usage = await _store!.ListTokenUsageAsync("acme", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.Equal(3, usage.Count);
        Assert.Equal((answer.Usage.InputTokenCount, answer.Usage.OutputTokenCount), ((int)usage[0].PromptTokens, (int)usage[0].CompletionTokens));
        Assert.Equal((streamUsage!.InputTokenCount, streamUsage.OutputTokenCount), ((int)usage[1].PromptTokens, (int)usage[1].CompletionTokens));
        Assert.All(usage, u => Assert.Equal((u.PromptTokens * 1_000_000) + (u.CompletionTokens * 3_000_000), u.CostNanos));
        var wallet = (await _store.GetBalanceAsync(Accounts.Wallet("acme"), "CNY", CancellationToken.None)).Balance;
        var carry = (await _store.ListTokenCarriesAsync("acme", CancellationToken.None)).Sum(c => c.Nanos);
        Assert.Equal(usage.Sum(u => u.CostNanos), ((10_000 - wallet) * 10_000_000) + carry);
    }

    [ModelFact]
    public async Task TinyModel_PublishedWithItsOwnTokenizer_IsHeldAtItsTrueCount_AndAWalletCoveringOnlyThatIsServed()
    {
        const string Content = "Please summarise the quarter for the board: revenue rose twelve percent, costs fell, and the new data centres in Guizhou came online ahead of schedule.";
        var endpoint = _model!.Endpoint;
        (await _admin!.PutAsJsonAsync("/api/v1/agents/cn-tiny/models", new SiteModels([new SiteModel("tiny", endpoint.Url.AbsoluteUri, "builtin", endpoint.ContextLength, endpoint.Capacity, InputPrice, OutputPrice, "CNY", true, SiteModel.Gguf, endpoint.TokenizerDigest)]), ProtocolJson.Options)).EnsureSuccessStatusCode();
        using var http = new HttpClient();
        using var document = JsonDocument.Parse(await http.GetByteArrayAsync(new Uri(endpoint.Url + "/suanwang/tokenizer")));
        var template = document.RootElement.GetProperty("template");

        // The model's own count of the message's strings, plus its template's allowance; at 0.1 fen a
        // prompt token and 0.3 fen an output token, a cap that makes the hold whole fen.
        var prompt = _model.Runtime.CountTokens("user", addSpecial: false) + _model.Runtime.CountTokens(Content, addSpecial: false)
            + template.GetProperty("tokens_per_message").GetInt32() + template.GetProperty("tokens_per_request").GetInt32();
        var cap = ((10 - (prompt % 10)) * 7 % 10) is var c && c == 0 ? 10 : c;
        var holdFen = (prompt + (3 * cap)) / 10;
        var bytesBound = Encoding.UTF8.GetByteCount("user" + Content) + 8 + 16;
        Assert.Equal(0, (prompt + (3 * cap)) % 10);
        Assert.True(bytesBound + (3 * cap) > (holdFen + 1) * 10, $"the byte bound {bytesBound} would fit the wallet too");
        await NewTenantAsync("short", holdFen - 1);
        await NewTenantAsync("lean", holdFen);
        var options = new ChatCompletionOptions { MaxOutputTokenCount = cap, Temperature = 0 };

        var shortChat = (await TenantClientAsync("short")).GetChatClient("tiny");
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => shortChat.CompleteChatAsync([new UserChatMessage(Content)], options));
        var answer = (await (await TenantClientAsync("lean")).GetChatClient("tiny").CompleteChatAsync([new UserChatMessage(Content)], options)).Value;

        Assert.Equal(402, refused.Status);
        Assert.Contains($"({prompt} prompt tokens at most and {cap} output tokens)", refused.Message, StringComparison.Ordinal);
        Assert.InRange(answer.Usage.InputTokenCount, 1, prompt);
        Assert.InRange(answer.Usage.OutputTokenCount, 1, cap);
    }

    private async Task NewTenantAsync(string tenant, long fen)
    {
        var admin = _admin!;
        (await admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant(tenant), ProtocolJson.Options)).EnsureSuccessStatusCode();
        var amount = (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        (await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/topups", new NewTopUp(amount, "CNY"), ProtocolJson.Options)).EnsureSuccessStatusCode();
    }
}
