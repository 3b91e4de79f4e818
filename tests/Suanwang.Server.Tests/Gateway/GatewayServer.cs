using System.ClientModel;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Core.Market;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Protocol.Tenants;
using Suanwang.Protocol.Tokens;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Sqlite;
using Suanwang.Storage.Tokens;

namespace Suanwang.Server.Tests.Gateway;

/// <summary>A test server over SQLite with sites whose model endpoints are fake upstreams, and helpers for keys, money and usage.</summary>
public sealed class GatewayServer : IAsyncDisposable
{
    /// <summary>Price per million prompt tokens (CNY): a fake request of 10 + 5 tokens costs 0.025 CNY, two and a half fen.</summary>
    public const decimal InputPrice = 1000m;

    /// <summary>Price per million output tokens (CNY).</summary>
    public const decimal OutputPrice = 3000m;

    private readonly string _folder;
    private readonly List<HttpClient> _clients = [];

    private GatewayServer(TestServer server, string folder)
    {
        Server = server;
        _folder = folder;
    }

    public TestServer Server { get; }

    public HttpClient Admin => Server.Admin;

    public static async Task<GatewayServer> StartAsync(Action<GatewayOptions>? gateway = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "suanwang-gateway-tests", Guid.NewGuid().ToString("N"));
        var store = SqliteStore.InDataFolder(folder);
        await store.MigrateAsync(CancellationToken.None);
        return new GatewayServer(await TestServer.StartAsync(store, gateway: gateway), folder);
    }

    public static string SiteYaml(string id, string country) => $"""
        id: {id}
        owner: owner-of-{id}
        jurisdiction: {country}
        tier: core
        carbon: 500
        pools:
          - {"{"} model: Ascend-910B, cards_per_node: 8, nodes: 1, price: 10 {"}"}
        """;

    /// <summary>Registers a site and publishes <paramref name="upstream"/> as model <paramref name="model"/> there.</summary>
    public async Task AddSiteAsync(string site, string country, FakeUpstream upstream, string model = "fake", bool healthy = true, int capacity = 1024)
    {
        await Server.RegisterAsync(SiteYaml(site, country));
        await PublishAsync(site, new SiteModel(model, upstream.Url, "external", 4096, capacity, InputPrice, OutputPrice, "CNY", healthy));
    }

    public async Task PublishAsync(string site, params SiteModel[] models)
    {
        var response = await Admin.PutAsJsonAsync($"/api/v1/agents/{site}/models", new SiteModels(models), ProtocolJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates the tenant if needed and issues it a key with <paramref name="body"/>; returns the secret.</summary>
    public async Task<string> KeyAsync(string tenant, NewApiKey? body = null)
    {
        await Admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant(tenant), ProtocolJson.Options);
        var issued = await Admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/keys", body ?? new NewApiKey(), ProtocolJson.Options);
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
        return (await issued.Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!.Key;
    }

    public async Task TopUpAsync(string tenant, string amount)
    {
        var response = await Admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/topups", new NewTopUp(amount, "CNY"), ProtocolJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A client of the gateway with <paramref name="key"/> as its bearer token.</summary>
    public HttpClient Gateway(string key)
    {
        var client = new HttpClient { BaseAddress = Server.Server.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        _clients.Add(client);
        return client;
    }

    public OpenAIClient OpenAi(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(Server.Server.Url, "/v1") });

    /// <summary>Waits until the usage journal's records are in the store.</summary>
    public Task FlushAsync() => Server.Server.Services.GetRequiredService<UsageJournalWriter>().FlushAsync(CancellationToken.None);

    public async Task<int> BillAsync()
    {
        await FlushAsync();
        return await Server.Server.Services.GetRequiredService<TokenBiller>().BillAsync(CancellationToken.None);
    }

    public async Task<long> WalletAsync(string tenant) => (await Server.Store.GetBalanceAsync(Accounts.Wallet(tenant), "CNY", CancellationToken.None)).Balance;

    public async Task<IReadOnlyList<TokenUsageRecord>> UsageAsync(string tenant)
    {
        await FlushAsync();
        return await Server.Store.ListTokenUsageAsync(tenant, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None);
    }

    public async Task<long> CarryAsync(string tenant) => (await Server.Store.ListTokenCarriesAsync(tenant, CancellationToken.None)).Sum(c => c.Nanos);

    public static string Chat(string model = "fake", int? maxTokens = 5, bool stream = false, string content = "hi") =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["model"] = model,
            ["messages"] = new[] { new { role = "user", content } },
            ["max_tokens"] = maxTokens,
            ["stream"] = stream,
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Server.DisposeAsync();
        await Server.Store.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
