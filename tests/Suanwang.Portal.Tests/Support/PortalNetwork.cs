using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Logging;
using Suanwang.Agent;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Market;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;
using Suanwang.Protocol.Market;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Hosting;
using Suanwang.Storage;
using Suanwang.Storage.Sqlite;
using Suanwang.Testing;

namespace Suanwang.Portal.Tests.Support;

/// <summary>
/// A real server over SQLite in a temporary folder on a free loopback port, with three sites in
/// two countries at different prices. With agents, each site is a real agent (local backend) that
/// runs the jobs it is given; without, the sites are only registered, and jobs wait.
/// </summary>
public sealed class PortalNetwork : IAsyncDisposable
{
    /// <summary>The sites: id, country, price per card-hour (CNY). The cheapest in CN is <see cref="CheapestInCn"/>.</summary>
    public static readonly (string Id, string Country, decimal Price)[] Sites =
    [
        ("cn-portal-dear", "CN", 0.30m),
        ("cn-portal-cheap", "CN", 0.20m),
        ("kz-portal-cheapest", "KZ", 0.10m),
    ];

    /// <summary>The cheapest site in CN.</summary>
    public const string CheapestInCn = "cn-portal-cheap";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "suanwang-portal-tests", Guid.NewGuid().ToString("N"));
    private readonly List<(Task Run, CancellationTokenSource Stop)> _agents = [];
    private SqliteStore? _store;
    private RunningServer? _server;

    private PortalNetwork()
    {
    }

    /// <summary>The server's base address.</summary>
    public Uri Url => _server!.Url;

    /// <summary>The admin key.</summary>
    public string AdminKey => _server!.AdminKey!;

    /// <summary>A REST client with the admin key.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The store, for tests that look behind the pages.</summary>
    public IStore Store => _store!;

    /// <summary>The server's services (the token gateway's wallets, say).</summary>
    public IServiceProvider Services => _server!.Services;

    /// <summary>Starts the server and the sites: agents that run jobs, or registrations only; without <paramref name="rateLimits"/>, no request waits on a bucket.</summary>
    public static async Task<PortalNetwork> StartAsync(bool agents, bool rateLimits = true)
    {
        var network = new PortalNetwork();
        try
        {
            Directory.CreateDirectory(network._folder);
            network._store = SqliteStore.InDataFolder(Path.Combine(network._folder, "data"));
            network._server = await SuanwangServer.StartAsync(
                new ServerOptions
                {
                    Urls = "http://127.0.0.1:0",
                    DataFolder = Path.Combine(network._folder, "data"),
                    Dispatch = new DispatchOptions { SchedulerInterval = TimeSpan.FromMilliseconds(50) },
                    RateLimits = new RateLimitOptions { Enabled = rateLimits },
                    LogLevel = Environment.GetEnvironmentVariable("SUANWANG_TEST_LOG") is null ? LogLevel.None : LogLevel.Debug,
                },
                network._store);
            network.Admin = network.Rest(network.AdminKey);
            foreach (var (id, _, _) in Sites)
            {
                if (agents)
                {
                    network.StartAgent(id);
                }
                else
                {
                    var response = await network.Admin.PostAsJsonAsync("/api/v1/agents/register", new AgentRegistration(SiteYaml(id), "local", "test-host"), ProtocolJson.Options);
                    response.EnsureSuccessStatusCode();
                }
            }

            if (agents)
            {
                await Eventually.TrueAsync(
                    async () => (await network.Admin.GetFromJsonAsync<List<Suanwang.Protocol.Sites.SiteView>>("/api/v1/sites", ProtocolJson.Options))!.Count(s => s.State == "up") == Sites.Length,
                    "every agent registers its site");
            }

            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>A site's YAML: two CPU-core slots on one node at the site's price.</summary>
    public static string SiteYaml(string id)
    {
        var (_, country, price) = Sites.Single(s => s.Id == id);
        return $$"""
            id: {{id}}
            owner: Portal Test Compute
            jurisdiction: {{country}}
            tier: edge
            carbon: 500
            pools: [{ model: CPU-core, cards_per_node: 2, nodes: 1, price: {{price.ToString(System.Globalization.CultureInfo.InvariantCulture)}} }]
            """;
    }

    /// <summary>A REST client with <paramref name="key"/>.</summary>
    public HttpClient Rest(string key)
    {
        var client = new HttpClient { BaseAddress = Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Creates a tenant, tops its wallet up with <paramref name="topUp"/> CNY when above zero, and returns a new key of it.</summary>
    public async Task<string> TenantAsync(string tenant, decimal topUp = 0) => (await TenantKeyAsync(tenant, topUp)).Key;

    /// <summary>As <see cref="TenantAsync"/>, returning the key as issued (with its id).</summary>
    public async Task<ApiKeyIssued> TenantKeyAsync(string tenant, decimal topUp = 0)
    {
        (await Admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant(tenant), ProtocolJson.Options)).EnsureSuccessStatusCode();
        var issued = await Admin.PostAsync(new Uri($"/api/v1/tenants/{tenant}/keys", UriKind.Relative), null);
        issued.EnsureSuccessStatusCode();
        if (topUp > 0)
        {
            (await Admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/topups", new NewTopUp(topUp.ToString(System.Globalization.CultureInfo.InvariantCulture), "CNY"), ProtocolJson.Options)).EnsureSuccessStatusCode();
        }

        return (await issued.Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!;
    }

    /// <summary>The key of a new provider key for <paramref name="owner"/>, issued by the admin.</summary>
    public async Task<string> ProviderKeyAsync(string owner = "Portal Test Compute")
    {
        var issued = await Admin.PostAsync(new Uri($"/api/v1/providers/{Uri.EscapeDataString(owner)}/keys", UriKind.Relative), null);
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!.Key;
    }

    /// <summary>Submits a job spec through the REST API with <paramref name="key"/> and returns its id.</summary>
    public async Task<long> SubmitAsync(string key, string spec)
    {
        using var client = Rest(key);
        var response = await client.PostAsync(new Uri("/api/v1/jobs", UriKind.Relative), new StringContent(spec, Encoding.UTF8, "application/yaml"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Suanwang.Protocol.Jobs.SubmitResult>(ProtocolJson.Options))!.Id;
    }

    private void StartAgent(string site)
    {
        var stop = new CancellationTokenSource();
        var run = AgentHost.RunAsync(
            new AgentOptions
            {
                ServerUrl = Url.GetLeftPart(UriPartial.Authority),
                ApiKey = AdminKey,
                SiteYaml = SiteYaml(site),
                Backend = "local",
                WorkFolder = Path.Combine(_folder, "agent-" + site),
                // The sandbox has tests of its own; these jobs only echo.
                Sandbox = null,
                PollSeconds = 0.2,
                KillGraceSeconds = 1,
            },
            stop.Token);
        _agents.Add((run, stop));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var (run, stop) in _agents)
        {
            await stop.CancelAsync();
            try
            {
                await run;
            }
            catch (OperationCanceledException)
            {
            }

            stop.Dispose();
        }

        Admin?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
