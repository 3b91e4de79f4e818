using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Hosting;
using Suanwang.Storage;
using Suanwang.Storage.Postgres;
using Suanwang.Storage.Sqlite;

namespace Suanwang.ControlPlane.Bench;

/// <summary>A server started in-process on a free loopback port, with an admin client.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private readonly Func<ValueTask> _cleanup;

    private Harness(RunningServer server, IStore store, Func<ValueTask> cleanup)
    {
        Server = server;
        Store = store;
        _cleanup = cleanup;
        Admin = Client(server.AdminKey!, 4);
    }

    public RunningServer Server { get; }

    public IStore Store { get; }

    public HttpClient Admin { get; }

    public static ServerOptions Options() => new()
    {
        Urls = "http://127.0.0.1:0",
        LogLevel = LogLevel.None,
        // No agent heartbeats in the bench: sites must not be declared down during a run.
        AgentLink = new AgentLinkOptions { AgentTimeout = TimeSpan.FromHours(1) },
    };

    /// <summary>A SQLite store in a fresh temporary folder; <paramref name="wrap"/> may decorate it.</summary>
    public static async Task<Harness> SqliteAsync(ServerOptions options, Func<IStore, IStore>? wrap = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "suanwang-cp-bench", Guid.NewGuid().ToString("N"));
        var inner = SqliteStore.InDataFolder(folder);
        var store = wrap is null ? inner : wrap(inner);
        var server = await SuanwangServer.StartAsync(options with { DataFolder = folder }, store);
        return new Harness(server, store, async () =>
        {
            await inner.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        });
    }

    /// <summary>A PostgreSQL store in a schema of its own, dropped afterwards.</summary>
    public static async Task<Harness> PostgresAsync(ServerOptions options, string connectionString)
    {
        var schema = "cpbench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(connectionString, $"CREATE SCHEMA {schema}");
        var store = new PostgresStore(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString);
        var server = await SuanwangServer.StartAsync(options with { ConnectionString = "(bench)" }, store);
        return new Harness(server, store, async () =>
        {
            await store.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(connectionString, $"DROP SCHEMA {schema} CASCADE");
        });
    }

    /// <summary>Asks scripts/postgres.sh for a server; null when it fails.</summary>
    public static async Task<string?> StartPostgresAsync()
    {
        var script = Path.Combine(RepoRoot(), "scripts", "postgres.sh");
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"postgres: scripts/postgres.sh failed ({process.ExitCode}): {errors.Trim()}");
            return null;
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Suanwang.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>A keep-alive HTTP/1.1 client with up to <paramref name="connections"/> connections.</summary>
    public HttpClient Client(string key, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { BaseAddress = Server.Url, DefaultRequestVersion = HttpVersion.Version11, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Registers a site through the agent endpoint, as an agent would.</summary>
    public async Task RegisterSiteAsync(string siteYaml)
    {
        using var response = await Admin.PostAsJsonAsync("/api/v1/agents/register", new AgentRegistration(siteYaml, "local", "bench"), ProtocolJson.Options);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"register: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Creates a tenant and returns a (non-admin) key for it.</summary>
    public async Task<string> TenantKeyAsync(string tenant)
    {
        using (var created = await Admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant(tenant), ProtocolJson.Options))
        {
            created.EnsureSuccessStatusCode();
        }

        // The benchmarks measure throughput, not the abuse limits: the tenant gets the highest
        // limits an admin may set. Its requests still go through its token bucket.
        using (var limits = await Admin.PutAsync(
            new Uri($"/api/v1/tenants/{tenant}/limits", UriKind.Relative),
            new StringContent("""{"requests_per_second": 1000000, "burst": 1000000, "max_queued_jobs": 10000000, "max_open_orders": 10000000, "max_priority": 1000000}""", System.Text.Encoding.UTF8, "application/json")))
        {
            limits.EnsureSuccessStatusCode();
        }

        using var issued = await Admin.PostAsync(new Uri($"/api/v1/tenants/{tenant}/keys", UriKind.Relative), null);
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<ApiKeyIssued>(ProtocolJson.Options))!.Key;
    }

    /// <summary>The scheduler's queue from <c>/healthz</c>: jobs waiting, and jobs placed or running (holding cards).</summary>
    public async Task<(int Waiting, int Running)> HealthAsync()
    {
        using var health = JsonDocument.Parse(await Admin.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        var root = health.RootElement;
        return (root.GetProperty("waiting").GetInt32(), root.GetProperty("running").GetInt32());
    }

    public static string Site(string id, string model, int cardsPerNode, int nodes, int price) => string.Create(CultureInfo.InvariantCulture, $$"""
        id: {{id}}
        owner: Bench Compute
        jurisdiction: CN
        tier: core
        carbon: 500
        pools:
          - { model: {{model}}, cards_per_node: {{cardsPerNode}}, nodes: {{nodes}}, price: {{price}} }
        """);

    public static string Job(string tenant, string name, string model, int cards, int priority) => string.Create(CultureInfo.InvariantCulture, $"""
        name: {name}
        tenant: {tenant}
        run: echo hello
        resources:
          accelerators: [{model}]
          cards: {cards}
        estimated_runtime: 1h
        priority: {priority}
        """);

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
        await _cleanup();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
