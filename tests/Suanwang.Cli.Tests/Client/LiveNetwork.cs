using System.Net.Http.Json;
using Suanwang.Agent;
using Suanwang.Cli.Client;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Protocol;
using Suanwang.Protocol.Jobs;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Hosting;
using Suanwang.Storage;
using Suanwang.Testing;

namespace Suanwang.Cli.Tests.Client;

/// <summary>A real server on a free loopback port over SQLite in a temp folder, with one local-backend agent as a site.</summary>
public sealed class LiveNetwork : IAsyncLifetime, IDisposable
{
    /// <summary>The site the agent registers.</summary>
    public const string SiteId = "cli-test";

    private readonly Scratch _scratch = new();
    private readonly CancellationTokenSource _agentStop = new();
    private IStore? _store;
    private RunningServer? _server;
    private Task? _agent;

    public string Url => _server!.Url.GetLeftPart(UriPartial.Authority);

    public string AdminKey { get; private set; } = "";

    public string Folder => _scratch.Path;

    /// <summary>The site YAML: two CPU-core slots on one node.</summary>
    public static string Site(string id, string jurisdiction = "CN") => $$"""
        id: {{id}}
        owner: Test Compute
        jurisdiction: {{jurisdiction}}
        tier: edge
        carbon: 500
        pools: [{ model: CPU-core, cards_per_node: 2, nodes: 1, price: 0.1, reserved: [{ cards: 1, hours: 1, price: 0.05 }] }]
        """;

    /// <summary>A one-slot job running <paramref name="run"/>.</summary>
    public static string Job(string run, string name = "t") => $"""
        name: {name}
        tenant: admin
        run: {run}
        resources:
          accelerators: [CPU-core]
          cards: 1
        estimated_runtime: 5m
        """;

    public async Task InitializeAsync()
    {
        _store = StoreFactory.Open(null, _scratch.Combine("data"));
        Directory.CreateDirectory(_scratch.Combine("data"));
        _server = await SuanwangServer.StartAsync(
            new ServerOptions
            {
                Urls = "http://127.0.0.1:0",
                Dispatch = new DispatchOptions { SchedulerInterval = TimeSpan.FromMilliseconds(50) },

                // The agent heartbeats every sixth of this: 0.5 s.
                AgentLink = new AgentLinkOptions { AgentTimeout = TimeSpan.FromSeconds(3) },
                LogLevel = Microsoft.Extensions.Logging.LogLevel.None,
            },
            _store);
        AdminKey = _server.AdminKey!;
        _agent = AgentHost.RunAsync(
            new AgentOptions
            {
                ServerUrl = Url,
                ApiKey = AdminKey,
                SiteYaml = Site(SiteId),
                WorkFolder = _scratch.Combine("agent"),
                HeartbeatSeconds = 0.5,
                PollSeconds = 0.1,
                KillGraceSeconds = 1,
            },
            _agentStop.Token);
        using var client = Client();
        await Eventually.TrueAsync(async () => (await client.ListSitesAsync(default)).Any(s => s.Id == SiteId && s.State == "up"), "the agent registers its site");
    }

    internal SuanwangClient Client(string? key = null) => new(new ClientSettings(new Uri(Url), key ?? AdminKey));

    /// <summary>Creates a tenant with the admin key; its balance starts at zero.</summary>
    public async Task CreateTenantAsync(string id)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await http.PostAsJsonAsync("/api/v1/tenants", new NewTenant(id), ProtocolJson.Options);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Runs the CLI against this server with the admin key.</summary>
    internal Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync([.. args, "--server", Url, "--api-key", AdminKey]);

    /// <summary>Waits until job <paramref name="id"/> is in <paramref name="state"/>.</summary>
    public async Task<JobView> WaitForAsync(long id, string state)
    {
        using var client = Client();
        JobView? job = null;
        await Eventually.TrueAsync(async () => (job = await client.GetJobAsync(id, default)).State == state, $"job {id} is {state}");
        return job!;
    }

    public async Task DisposeAsync()
    {
        await _agentStop.CancelAsync();
        if (_agent is not null)
        {
            await _agent;
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

    }

    /// <summary>After <see cref="DisposeAsync"/>, which xunit calls first.</summary>
    public void Dispose()
    {
        _agentStop.Dispose();
        _scratch.Dispose();
    }
}
