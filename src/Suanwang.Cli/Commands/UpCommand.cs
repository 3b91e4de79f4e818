using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Suanwang.Agent;
using Suanwang.Agent.Hardware;
using Suanwang.Agent.Models;
using Suanwang.Agent.Sandbox;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.Client;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Server.Hosting;
using Suanwang.Storage;
using Suanwang.Storage.Sqlite;

namespace Suanwang.Cli.Commands;

/// <summary>
/// <c>suanwang up</c>: the server (API and scheduler) over SQLite in the data folder, or PostgreSQL,
/// with an embedded agent offering this machine as a site, until Ctrl-C.
/// </summary>
internal static class UpCommand
{
    /// <summary>The port <c>up</c> listens on unless told otherwise.</summary>
    public const int DefaultPort = 8420;

    /// <summary>How long <c>up</c> waits for its own site to register before saying it is up anyway.</summary>
    private static readonly TimeSpan s_siteWait = TimeSpan.FromSeconds(5);

    public static Command Create(ConsoleInteraction console)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => DefaultPort };
        var data = new Option<string?>("--data") { Description = "Data folder: the SQLite database, the agent's work folder and client.json (default ~/.suanwang)" };
        var db = new Option<string?>("--db") { Description = "PostgreSQL connection string (Host=...;Username=...;Database=...) instead of SQLite in the data folder" };
        var price = new Option<decimal>("--price") { Description = "Price of one card (a CPU-core slot when there is no GPU) of this machine for one hour, in CNY; 0 runs jobs free", DefaultValueFactory = _ => 0m };
        var requireOrders = new Option<bool>("--require-orders") { Description = "Run tenants' jobs only through paid orders (POST /api/v1/orders); admin keys may still submit directly" };
        var journal = new Option<string?>("--usage-journal") { Description = "Folder of the gateway's usage journal (default DATA/usage-journal)" };
        var metricsToken = new Option<string?>("--metrics-token") { Description = "A bearer token that may read /metrics besides admin keys (a Prometheus scraper's)" };
        var command = new Command("up", "Run the server and this machine as a site until Ctrl-C") { port, data, db, price, requireOrders, journal, metricsToken };
        var models = ServeModelOptions.AddTo(command);
        var sandbox = new SandboxCliOptions();
        foreach (var option in sandbox.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var portNumber = parse.GetValue(port);
            if (portNumber is < 0 or > 65535)
            {
                throw new InputException("--port", 0, "--port", $"{portNumber} is not a port number (0 to 65535)");
            }

            var pricePerCardHour = parse.GetValue(price);
            if (pricePerCardHour is < 0 or > 1_000_000)
            {
                throw new InputException("--price", 0, "--price", $"{pricePerCardHour} is not a price per card-hour from 0 to 1000000");
            }

            var token = parse.GetValue(metricsToken);
            if (token is not null && (token.Length is < 16 or > 256 || token.Any(char.IsWhiteSpace)))
            {
                throw new InputException("--metrics-token", 0, "--metrics-token", "the metrics token must be 16 to 256 characters without spaces");
            }

            // Models load before the data folder is touched, so a bad --serve-model leaves nothing behind.
            await using var served = await models.StartAsync(parse, console, cancellationToken).ConfigureAwait(false);
            var folder = DataFolder.Resolve(parse.GetValue(data));
            var folderExisted = Directory.Exists(folder);
            CreatePrivateFolder(folder);
            // The folder is taken before anything in it is read or written, so a second up on it
            // refuses without touching client.json, the database or the agent's work folder.
            using var hold = DataFolderLock.TryAcquire(folder, out var refusal);
            if (hold is null)
            {
                console.Error(refusal!);
                return ExitCodes.Failure;
            }

            var connection = parse.GetValue(db);
            var newDatabase = string.IsNullOrWhiteSpace(connection) && !File.Exists(Path.Combine(folder, SqliteStore.FileName));
            var local = new LocalSettings(pricePerCardHour, parse.GetValue(requireOrders), sandbox.Read(parse), models.Published(parse, served, "CNY"), parse.GetValue(journal), token);
            var code = await UpAsync(console, folder, connection, portNumber, local, cancellationToken).ConfigureAwait(false);
            if (code is null)
            {
                // It never listened: leave the folder as it was found.
                if (newDatabase)
                {
                    DeleteDatabase(folder);
                }

                hold.Dispose();
                if (!folderExisted && !Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    Directory.Delete(folder);
                }

                return ExitCodes.Failure;
            }

            return code.Value;
        });
        return command;
    }

    // Null when the server could not listen, the reason written; otherwise the exit code of the run.
    private static async Task<int?> UpAsync(ConsoleInteraction console, string folder, string? connection, int port, LocalSettings local, CancellationToken cancellationToken)
    {
        // The port is tried before the store is opened, so a busy port creates no database and no key.
        if (PortProblem(port) is { } busy)
        {
            console.Error($"cannot listen on 127.0.0.1:{port}: {busy}");
            return null;
        }

        var store = StoreFactory.Open(connection, folder);
        await using (store.ConfigureAwait(false))
        {
            return await RunAsync(console, store, folder, connection, port, local, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int?> RunAsync(ConsoleInteraction console, IStore store, string folder, string? connection, int port, LocalSettings local, CancellationToken cancellationToken)
    {
        var options = new ServerOptions
        {
            Market = new MarketOptions { RequireOrders = local.RequireOrders },
            Urls = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
            DataFolder = folder,
            ConnectionString = connection,
            Gateway = new GatewayOptions { UsageJournalFolder = local.UsageJournal is { } journal ? Path.GetFullPath(journal) : null, MetricsToken = local.MetricsToken },
        };
        RunningServer server;
        try
        {
            server = await SuanwangServer.StartAsync(options, store, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // Taken between the check and the bind.
            console.Error($"cannot listen on 127.0.0.1:{port}: {e.Message}");
            return null;
        }

        await using (server.ConfigureAwait(false))
        {
            var url = server.Url.GetLeftPart(UriPartial.Authority);
            var key = server.AdminKey ?? (await ClientFile.ReadAsync(folder, cancellationToken).ConfigureAwait(false))?.ApiKey;
            if (key is null)
            {
                console.Error($"the database already has an admin key, which is shown only on its first start, and {ClientFile.PathIn(folder)} is missing; start with an empty data folder or write that file");
                return ExitCodes.Failure;
            }

            await new ClientFile(url, key).WriteAsync(folder, cancellationToken).ConfigureAwait(false);
            var hardware = await HardwareProbe.DetectAsync(cancellationToken).ConfigureAwait(false);
            var site = LocalSite.Describe(hardware, new LocalSiteOptions(PricePerCardHour: local.PricePerCardHour), AcceleratorCatalog.Default);
            var admin = new ClientSettings(server.Url, key);
            var agentKey = await EmbeddedAgentKey.IssueAsync(admin, site.Id, cancellationToken).ConfigureAwait(false);
            using var agentStop = new CancellationTokenSource();
            var agent = AgentHost.RunAsync(
                new AgentOptions
                {
                    ServerUrl = url,
                    ApiKey = agentKey.Key,
                    SiteYaml = site.Yaml,
                    Backend = "local",
                    WorkFolder = Path.Combine(folder, "agent"),
                    Sandbox = local.Sandbox,
                    Log = console.Note,
                },
                agentStop.Token);
            using var api = new ApiClient(server.Url, agentKey.Key, TimeSpan.FromSeconds(10));
            using var publisher = new ModelPublisher(api, site.Id, local.Models, console.Note, TimeSpan.FromSeconds(5));
            var publishing = local.Models.Count > 0 ? publisher.RunAsync(agentStop.Token) : Task.CompletedTask;
            try
            {
                await WaitForSiteAsync(admin, agent, cancellationToken).ConfigureAwait(false);
                if (!agent.IsCompleted)
                {
                    console.WriteLine($"Suanwang is up at {url}");
                    console.WriteLine($"Admin API key: {key}");
                    foreach (var note in site.Notes)
                    {
                        console.Note(note);
                    }

                    console.Note($"data in {folder}; Ctrl-C stops");
                    await Task.WhenAny(agent, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
                }

                if (agent.IsCompleted)
                {
                    // The agent ends by itself only when it cannot go on (work folder in use, key refused).
                    console.Error($"the embedded agent stopped: {AgentFailure(agent)}");
                    return ExitCodes.Failure;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C: stop below.
            }
            finally
            {
                await agentStop.CancelAsync().ConfigureAwait(false);
                await agent.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
                await publishing.ConfigureAwait(false);
                await EmbeddedAgentKey.RevokeAsync(admin, agentKey, console).ConfigureAwait(false);
                await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            console.Note("stopped; running jobs go on and are taken up on the next start");
            return ExitCodes.Success;
        }
    }

    private static string AgentFailure(Task agent) =>
        agent.Exception?.InnerException?.Message ?? "it returned without being asked to";

    // Ready means the embedded site is registered: a job submitted after the two lines can be placed.
    private static async Task WaitForSiteAsync(ClientSettings settings, Task agent, CancellationToken cancellationToken)
    {
        using var client = new SuanwangClient(settings);
        var deadline = DateTimeOffset.UtcNow + s_siteWait;
        while (DateTimeOffset.UtcNow < deadline && !agent.IsCompleted)
        {
            var sites = await client.ListSitesAsync(cancellationToken).ConfigureAwait(false);
            if (sites.Any(s => s.State == "up" && s.Backend == "local"))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    // Binding a socket as the server will is the only sure test of a port; it is closed at once.
    private static string? PortProblem(int port)
    {
        if (port == 0)
        {
            return null;
        }

        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            probe.Listen();
            return null;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "the port is in use by another process" : e.Message;
        }
    }

    private static void DeleteDatabase(string folder)
    {
        var path = Path.Combine(folder, SqliteStore.FileName);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            // 0700 even when it existed: jobs run as other users and must not read it.
            SandboxFolders.CreatePrivate(folder);
        }
    }

    private sealed record LocalSettings(decimal PricePerCardHour, bool RequireOrders, SandboxOptions Sandbox, IReadOnlyList<PublishedModel> Models, string? UsageJournal, string? MetricsToken);
}
