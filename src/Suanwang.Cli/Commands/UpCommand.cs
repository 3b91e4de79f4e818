using System.CommandLine;
using System.Globalization;
using Suanwang.Agent;
using Suanwang.Agent.Hardware;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Server.Hosting;
using Suanwang.Storage;

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
        var command = new Command("up", "Run the server and this machine as a site until Ctrl-C") { port, data, db, price, requireOrders };
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

            var folder = DataFolder.Resolve(parse.GetValue(data));
            CreatePrivateFolder(folder);
            var connection = parse.GetValue(db);
            var store = StoreFactory.Open(connection, folder);
            await using (store.ConfigureAwait(false))
            {
                var market = new LocalMarket(pricePerCardHour, parse.GetValue(requireOrders));
                return await RunAsync(console, store, folder, connection, portNumber, market, cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(ConsoleInteraction console, IStore store, string folder, string? connection, int port, LocalMarket market, CancellationToken cancellationToken)
    {
        var options = new ServerOptions
        {
            Market = new MarketOptions { RequireOrders = market.RequireOrders },
            Urls = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
            DataFolder = folder,
            ConnectionString = connection,
        };
        RunningServer server;
        try
        {
            server = await SuanwangServer.StartAsync(options, store, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            console.Error($"cannot listen on 127.0.0.1:{port}: {e.Message}");
            return ExitCodes.Failure;
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
            var site = LocalSite.Describe(hardware, new LocalSiteOptions(PricePerCardHour: market.PricePerCardHour), AcceleratorCatalog.Default);
            using var agentStop = new CancellationTokenSource();
            var agent = AgentHost.RunAsync(
                new AgentOptions
                {
                    ServerUrl = url,
                    ApiKey = key,
                    SiteYaml = site.Yaml,
                    Backend = "local",
                    WorkFolder = Path.Combine(folder, "agent"),
                    Log = console.Note,
                },
                agentStop.Token);
            try
            {
                await WaitForSiteAsync(new ClientSettings(server.Url, key), agent, cancellationToken).ConfigureAwait(false);
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

    private static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private sealed record LocalMarket(decimal PricePerCardHour, bool RequireOrders);
}
