using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Hosting;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage;
using Suanwang.Storage.Tests;

namespace Suanwang.Server.Tests.Gateway;

/// <summary>A server and a second gateway (as <c>suanwang gateway</c> runs it), each with its own connections to one PostgreSQL database.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class GatewayReplicaTests : IAsyncLifetime
{
    private readonly PostgresDatabases _databases = new();
    private IStore _storeA = null!;
    private IStore _storeB = null!;
    private TestServer _server = null!;
    private RunningServer _replica = null!;
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        await _databases.InitializeAsync();
        _storeA = await _databases.OpenAsync(this);
        _storeB = await _databases.OpenAsync(this);
        await _storeA.MigrateAsync(CancellationToken.None);
        _server = await TestServer.StartAsync(_storeA);
        _replica = await SuanwangGateway.StartAsync(new ServerOptions { Urls = "http://127.0.0.1:0", LogLevel = LogLevel.None, Time = _server.Time }, _storeB);
        _upstream = await FakeUpstream.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _replica.DisposeAsync();
        await _server.DisposeAsync();
        await _upstream.DisposeAsync();
        await _storeA.DisposeAsync();
        await _storeB.DisposeAsync();
        await _databases.DisposeAsync();
    }

    private static StringContent Chat() => new(GatewayServer.Chat(), Encoding.UTF8, "application/json");

    private HttpClient Client(Uri url, string key)
    {
        var client = new HttpClient { BaseAddress = url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<string> SetUpAsync(string balance, NewApiKey key)
    {
        var gateway = await GatewayServerOver(_server);
        await _server.RegisterAsync(GatewayServer.SiteYaml("cn-a", "CN"));
        await gateway.PublishAsync("cn-a", new Protocol.Tokens.SiteModel("fake", _upstream.Url, "external", 4096, 64, GatewayServer.InputPrice, GatewayServer.OutputPrice, "CNY"));
        var secret = await gateway.KeyAsync("acme", key);
        await gateway.TopUpAsync("acme", balance);
        return secret;
    }

    private static Task<GatewayHelper> GatewayServerOver(TestServer server) => Task.FromResult(new GatewayHelper(server));

    [Fact]
    public async Task TwoReplicas_ShareTheRequestsPerMinuteLimit()
    {
        var key = await SetUpAsync("10.00", new NewApiKey(RequestsPerMinute: 3));
        using var a = Client(_server.Server.Url, key);
        using var b = Client(_replica.Url, key);

        var answers = new[]
        {
            (await a.PostAsync("/v1/chat/completions", Chat())).StatusCode,
            (await b.PostAsync("/v1/chat/completions", Chat())).StatusCode,
            (await a.PostAsync("/v1/chat/completions", Chat())).StatusCode,
            (await b.PostAsync("/v1/chat/completions", Chat())).StatusCode,
        };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task TwoReplicas_ShareTheBalance_WhatOneSpendsTheOtherCannot()
    {
        // 10 fen; each request costs 2.5 fen and holds 4.5 at most.
        var key = await SetUpAsync("0.10", new NewApiKey());
        using var a = Client(_server.Server.Url, key);
        using var b = Client(_replica.Url, key);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await a.PostAsync("/v1/chat/completions", Chat())).StatusCode);
        }

        // Once a's journal is in the database (within a batch window), replica b reads the wallet and
        // what is not yet billed: 2.5 fen left, less than a request may cost.
        await _server.Server.Services.GetRequiredService<UsageJournalWriter>().FlushAsync(CancellationToken.None);
        var refused = await b.PostAsync("/v1/chat/completions", Chat());

        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        Assert.Equal(3, (await _storeA.ListTokenUsageAsync("acme", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None)).Count);

        // Billing on PostgreSQL, by either replica: 7 fen posted, half a fen carried, once.
        var billedA = await _storeA.BillTokenUsageAsync(0.05m, _server.Time.GetUtcNow(), CancellationToken.None);
        var billedB = await _storeB.BillTokenUsageAsync(0.05m, _server.Time.GetUtcNow(), CancellationToken.None);
        Assert.Equal((3, 0), (billedA.Records, billedB.Records));
        Assert.Equal(3, (await _storeB.GetBalanceAsync(Core.Market.Accounts.Wallet("acme"), "CNY", CancellationToken.None)).Balance);
        Assert.Equal(5_000_000, Assert.Single(await _storeB.ListTokenCarriesAsync("acme", CancellationToken.None)).Nanos);
        Assert.True((await _storeB.VerifyLedgerAsync(CancellationToken.None)).Balanced);
    }

    // The helpers of GatewayServer over a server this class started.
    private sealed class GatewayHelper(TestServer server)
    {
        public async Task PublishAsync(string site, params Protocol.Tokens.SiteModel[] models)
        {
            var response = await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(server.Admin, $"/api/v1/agents/{site}/models", new Protocol.Tokens.SiteModels(models), Protocol.ProtocolJson.Options);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task<string> KeyAsync(string tenant, NewApiKey body)
        {
            await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(server.Admin, "/api/v1/tenants", new NewTenant(tenant), Protocol.ProtocolJson.Options);
            var issued = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(server.Admin, $"/api/v1/tenants/{tenant}/keys", body, Protocol.ProtocolJson.Options);
            Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
            return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<ApiKeyIssued>(issued.Content, Protocol.ProtocolJson.Options))!.Key;
        }

        public async Task TopUpAsync(string tenant, string amount)
        {
            var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(server.Admin, $"/api/v1/tenants/{tenant}/topups", new Protocol.Market.NewTopUp(amount, "CNY"), Protocol.ProtocolJson.Options);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }
}
