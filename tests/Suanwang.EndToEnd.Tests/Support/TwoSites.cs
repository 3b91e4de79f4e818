using Microsoft.Extensions.Logging;
using Suanwang.Agent;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Server.Hosting;
using Suanwang.Storage;
using Suanwang.Testing;

namespace Suanwang.EndToEnd.Tests.Support;

/// <summary>
/// One server over SQLite in a temp folder on a free loopback port, with two real agents as two
/// sites in different jurisdictions: <see cref="CnSite"/> (CN, local backend) and
/// <see cref="KzSite"/> (KZ, Slurm backend). Both offer two CPU-core slots, so a job can run on
/// either. Each agent can be stopped (as if it crashed: its jobs go on) and started again on its
/// work folder.
/// </summary>
internal sealed class TwoSites : IAsyncDisposable
{
    public const string CnSite = "cn-e2e-local";
    public const string KzSite = "kz-e2e-slurm";

    /// <summary>Silence after which the server marks a site down and moves its jobs.</summary>
    public static readonly TimeSpan AgentTimeout = TimeSpan.FromSeconds(3);

    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, (Task Run, CancellationTokenSource Stop)> _agents = [];
    private IStore? _store;
    private RunningServer? _server;

    private TwoSites()
    {
    }

    public Api Api { get; private set; } = null!;

    public static async Task<TwoSites> StartAsync()
    {
        var network = new TwoSites();
        try
        {
            Directory.CreateDirectory(network._folder.Combine("data"));
            network._store = StoreFactory.Open(null, network._folder.Combine("data"));
            network._server = await SuanwangServer.StartAsync(
                new ServerOptions
                {
                    Urls = "http://127.0.0.1:0",
                    Dispatch = new DispatchOptions { SchedulerInterval = TimeSpan.FromMilliseconds(50) },
                    AgentLink = new AgentLinkOptions { AgentTimeout = AgentTimeout },
                    LogLevel = LogLevel.None,
                },
                network._store);
            network.Api = new Api(network._server.Url, network._server.AdminKey!);
            network.StartAgent(CnSite);
            network.StartAgent(KzSite);
            await Eventually.TrueAsync(
                async () => (await network.Api.SitesAsync()).Count(s => s.State == "up") == 2,
                "both agents register their sites");
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>The site's YAML: two CPU-core slots on one node.</summary>
    public static string SiteYaml(string id) => $$"""
        id: {{id}}
        owner: End-to-end Test Compute
        jurisdiction: {{(id == CnSite ? "CN" : "KZ")}}
        tier: edge
        carbon: 500
        pools: [{ model: CPU-core, cards_per_node: 2, nodes: 1, price: 0.1 }]
        """;

    /// <summary>The site's agent work folder, the same across restarts.</summary>
    public string WorkFolder(string site) => _folder.Combine($"agent-{site}");

    /// <summary>Starts the site's agent on its work folder.</summary>
    public void StartAgent(string site)
    {
        Assert.False(_agents.ContainsKey(site), $"the agent of {site} is already running");
        var stop = new CancellationTokenSource();
        var run = AgentHost.RunAsync(
            new AgentOptions
            {
                ServerUrl = _server!.Url.GetLeftPart(UriPartial.Authority),
                ApiKey = _server.AdminKey,
                SiteYaml = SiteYaml(site),
                Backend = site == CnSite ? "local" : "slurm",
                SlurmGres = null,
                WorkFolder = WorkFolder(site),
                // The tests read and write the jobs' folders themselves; the sandbox has tests of its own.
                Sandbox = null,
                PollSeconds = 0.2,
                KillGraceSeconds = 1,
            },
            stop.Token);
        _agents[site] = (run, stop);
    }

    /// <summary>Stops the site's agent loop without a word to the server; its jobs keep running.</summary>
    public async Task StopAgentAsync(string site)
    {
        var (run, stop) = _agents[site];
        _agents.Remove(site);
        await stop.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            stop.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var site in _agents.Keys.ToList())
        {
            await StopAgentAsync(site);
        }

        Api?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _folder.Dispose();
    }
}
