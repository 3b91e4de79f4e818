using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Jobs;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;
using Suanwang.Protocol.Market;
using Suanwang.Server.Market;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Sqlite;
using Suanwang.Testing;

namespace Suanwang.Server.Tests.Market;

/// <summary>A test server over a real SQLite store with one registered site (10 CNY per card-hour, 4 spot) and a tenant.</summary>
public sealed class MarketServer : IAsyncDisposable
{
    private readonly string _folder;

    private MarketServer(TestServer server, string folder, long epoch, HttpClient acme)
    {
        Server = server;
        _folder = folder;
        Epoch = epoch;
        Acme = acme;
    }

    public TestServer Server { get; }

    public HttpClient Admin => Server.Admin;

    public HttpClient Acme { get; }

    public long Epoch { get; }

    public static string Site(string id = "cn-a", int nodes = 4) => $"""
        id: {id}
        owner: Jingjin Compute
        jurisdiction: CN
        tier: core
        carbon: 500
        pools:
          - {"{"} model: Ascend-910B, cards_per_node: 8, nodes: {nodes}, price: 10, spot_price: 4 {"}"}
        """;

    public static string Job(string tenant = "acme", string name = "train", int cards = 2, string timeLimit = "2h", bool spot = false, string? budget = null, string runtime = "1h") => $"""
        name: {name}
        tenant: {tenant}
        run: echo hello
        resources:
          accelerators: [Ascend-910B]
          cards: {cards}
        estimated_runtime: {runtime}
        time_limit: {timeLimit}
        spot: {(spot ? "true" : "false")}
        {(budget is null ? "" : "budget: " + budget)}
        """;

    public static async Task<MarketServer> StartAsync(int nodes = 4, string? site = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "suanwang-market-tests", Guid.NewGuid().ToString("N"));
        var store = SqliteStore.InDataFolder(folder);
        await store.MigrateAsync(CancellationToken.None);
        var server = await TestServer.StartAsync(store);
        var epoch = (await server.RegisterAsync(site ?? Site(nodes: nodes))).Epoch;
        var acme = await server.TenantAsync("acme");
        return new MarketServer(server, folder, epoch, acme);
    }

    public async ValueTask DisposeAsync()
    {
        Acme.Dispose();
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

    public Task<HttpResponseMessage> TopUpAsync(string tenant, string amount, string currency = "CNY", string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{tenant}/topups")
        {
            Content = JsonContent.Create(new NewTopUp(amount, currency), options: ProtocolJson.Options),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return Admin.SendAsync(request);
    }

    public static Task<HttpResponseMessage> OrderAsync(HttpClient client, string body, string? key, string contentType = "application/yaml")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    public static async Task<OrderView> OrderOkAsync(HttpClient client, string body, string key, string contentType = "application/yaml")
    {
        var response = await OrderAsync(client, body, key, contentType);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<OrderView>(ProtocolJson.Options))!;
    }

    public async Task<BalanceView> BalanceAsync(string tenant = "acme") =>
        (await Admin.GetFromJsonAsync<BalanceView>($"/api/v1/tenants/{tenant}/balance", ProtocolJson.Options))!;

    public async Task<LedgerCheckView> VerifyAsync() =>
        (await Admin.GetFromJsonAsync<LedgerCheckView>("/api/v1/ledger/verify", ProtocolJson.Options))!;

    /// <summary>Runs the job as its agent would: started at the current time, exited after <paramref name="seconds"/> holding its cards.</summary>
    public async Task RunJobAsync(long jobId, double seconds, int exitCode = 0)
    {
        var job = await Server.WaitForJobAsync(jobId, j => j.State == JobState.Placed);
        var cards = job.CardsPerNode * job.Nodes!.Count;
        var at = Server.Time.GetUtcNow();
        await Server.ReportAsync("cn-a", Epoch, new RunReport(jobId, job.Fence, ReportKind.Started, at));
        await Server.ReportAsync("cn-a", Epoch, new RunReport(jobId, job.Fence, ReportKind.Exited, at.AddSeconds(seconds), ExitCode: exitCode, AcceleratorSeconds: cards * seconds));
    }

    /// <summary>
    /// Lets the wait for a stop report pass (as for a job cancelled while placed), then settles
    /// until the order is settled (the background settler, woken by the clock, may get there first).
    /// </summary>
    public async Task<OrderView> SettledAfterTheStopReportWaitAsync(string orderId)
    {
        Server.Time.Advance(Server.Server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MarketOptions>>().Value.StopReportWait + TimeSpan.FromSeconds(1));
        return await Eventually.ResultAsync(
            async () =>
            {
                await SettleAsync();
                var order = await Acme.GetFromJsonAsync<OrderView>($"/api/v1/orders/{orderId}", ProtocolJson.Options);
                return order!.State == "settled" ? order : null;
            },
            $"order {orderId} is settled");
    }

    /// <summary>Settles every order whose job has ended, as the background settler does.</summary>
    public Task<int> SettleAsync() =>
        Server.Server.Services.GetRequiredService<Settler>().SettleReadyAsync(CancellationToken.None);
}
