using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Suanwang.Agent;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Server.Hosting;
using Suanwang.Storage;
using Suanwang.Testing;

namespace Suanwang.EndToEnd.Tests.Support;

/// <summary>
/// One server over SQLite on a free loopback port with one real agent on local processes, which
/// the server declares down after <see cref="AgentTimeout"/> of silence.
/// </summary>
internal sealed class OneSite : IAsyncDisposable
{
    public const string Site = "cn-e2e-logs";

    /// <summary>Silence after which the server marks the site down and moves its jobs.</summary>
    public static readonly TimeSpan AgentTimeout = TimeSpan.FromSeconds(3);

    private readonly TempFolder _folder = new();
    private readonly CancellationTokenSource _stop = new();
    private IStore? _store;
    private RunningServer? _server;
    private Task? _agent;
    private HttpClient? _http;

    private OneSite()
    {
    }

    public Api Api { get; private set; } = null!;

    /// <summary>
    /// Starts the server (with <paramref name="maxJobLogBytes"/> as its per-job log cap when given,
    /// and <paramref name="dispatch"/> as its scheduler's options) and the agent.
    /// </summary>
    public static async Task<OneSite> StartAsync(long? maxJobLogBytes = null, DispatchOptions? dispatch = null)
    {
        var site = new OneSite();
        try
        {
            Directory.CreateDirectory(site._folder.Combine("data"));
            site._store = StoreFactory.Open(null, site._folder.Combine("data"));
            var link = new AgentLinkOptions { AgentTimeout = AgentTimeout };
            if (maxJobLogBytes is long cap)
            {
                link.MaxJobLogBytes = cap;
            }

            site._server = await SuanwangServer.StartAsync(
                new ServerOptions
                {
                    Urls = "http://127.0.0.1:0",
                    Dispatch = dispatch ?? new DispatchOptions { SchedulerInterval = TimeSpan.FromMilliseconds(50) },
                    AgentLink = link,
                    LogLevel = LogLevel.None,
                },
                site._store);
            site.Api = new Api(site._server.Url, site._server.AdminKey!);
            site._http = new HttpClient { BaseAddress = site._server.Url, Timeout = TimeSpan.FromSeconds(60) };
            site._http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", site._server.AdminKey);
            site._agent = AgentHost.RunAsync(
                new AgentOptions
                {
                    ServerUrl = site._server.Url.GetLeftPart(UriPartial.Authority),
                    ApiKey = site._server.AdminKey,
                    SiteYaml = $$"""
                        id: {{Site}}
                        owner: End-to-end Test Compute
                        jurisdiction: CN
                        tier: edge
                        carbon: 500
                        pools: [{ model: CPU-core, cards_per_node: 2, nodes: 1, price: 0.1 }]
                        """,
                    Backend = "local",
                    WorkFolder = site._folder.Combine("agent"),
                    // The tests read and write the jobs' folders themselves; the sandbox has tests of its own.
                    Sandbox = null,
                    PollSeconds = 0.2,
                    KillGraceSeconds = 1,
                },
                site._stop.Token);
            await Eventually.TrueAsync(async () => (await site.Api.SitesAsync()).Any(s => s.Id == Site && s.State == "up"), "the agent registers its site");
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>A file in the test's folder, for jobs to read.</summary>
    public string File(string name) => _folder.Combine(name);

    /// <summary>The job's whole stored output as bytes, read page by page from <c>GET /api/v1/jobs/{id}/logs</c>.</summary>
    public async Task<byte[]> LogBytesAsync(long id)
    {
        using var all = new MemoryStream();
        long offset = 0;
        while (true)
        {
            using var response = await _http!.GetAsync(new Uri($"/api/v1/jobs/{id}/logs?offset={offset}", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadAsByteArrayAsync();
            var next = long.Parse(response.Headers.GetValues("Suanwang-Next-Offset").Single(), CultureInfo.InvariantCulture);
            if (page.Length == 0 || next == offset)
            {
                return all.ToArray();
            }

            all.Write(page);
            offset = next;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_agent is not null)
        {
            try
            {
                await _agent;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
        _http?.Dispose();
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
