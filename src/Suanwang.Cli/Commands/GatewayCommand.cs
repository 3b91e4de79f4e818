using System.CommandLine;
using System.Globalization;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Core.Errors;
using Suanwang.Server.Hosting;
using Suanwang.Storage;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang gateway</c>: the token gateway alone, one of several replicas over one PostgreSQL.</summary>
internal static class GatewayCommand
{
    public static Command Create(ConsoleInteraction console)
    {
        var db = new Option<string?>("--db") { Description = "PostgreSQL connection string shared with the server and the other gateways (else the SQLite database in --data)" };
        var data = new Option<string?>("--data") { Description = "Data folder whose SQLite database to use without --db (default ~/.suanwang); one machine only" };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default 8421; 0 for a free one)", DefaultValueFactory = _ => 8421 };
        var host = new Option<string>("--host") { Description = "Address to listen on (default 127.0.0.1)", DefaultValueFactory = _ => "127.0.0.1" };
        var journal = new Option<string?>("--usage-journal") { Description = "Folder of this gateway's usage journal, one per gateway (default DATA/gateway-journal-PORT; required with --port 0)" };
        var metricsToken = new Option<string?>("--metrics-token") { Description = "A bearer token that may read /metrics besides admin keys (a Prometheus scraper's)" };
        var command = new Command("gateway", "Run the OpenAI-compatible token gateway alone (/v1 and /metrics) until Ctrl-C") { db, data, port, host, journal, metricsToken };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var portNumber = parse.GetValue(port);
            if (portNumber is < 0 or > 65535)
            {
                throw new InputException("--port", 0, "--port", $"{portNumber} is not a port number (0 to 65535)");
            }

            var token = parse.GetValue(metricsToken);
            if (token is not null && (token.Length is < 16 or > 256 || token.Any(char.IsWhiteSpace)))
            {
                throw new InputException("--metrics-token", 0, "--metrics-token", "the metrics token must be 16 to 256 characters without spaces");
            }

            var journalFolder = parse.GetValue(journal);
            if (journalFolder is null && portNumber == 0)
            {
                throw new InputException("--usage-journal", 0, "--usage-journal", "a gateway on a free port (--port 0) needs --usage-journal DIR: the journal must be found again by the next start");
            }

            var connection = parse.GetValue(db);
            var folder = DataFolder.Resolve(parse.GetValue(data));
            journalFolder = Path.GetFullPath(journalFolder ?? Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"gateway-journal-{portNumber}")));
            var store = StoreFactory.Open(connection, folder);
            await using (store.ConfigureAwait(false))
            {
                var options = new ServerOptions
                {
                    Urls = string.Create(CultureInfo.InvariantCulture, $"http://{parse.GetValue(host)}:{portNumber}"),
                    ConnectionString = connection,
                    DataFolder = folder,
                    Gateway = new GatewayOptions { UsageJournalFolder = journalFolder, MetricsToken = token },
                };
                RunningServer gateway;
                try
                {
                    gateway = await SuanwangGateway.StartAsync(options, store, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    console.Error($"cannot listen on {parse.GetValue(host)}:{portNumber}: {e.Message}");
                    return ExitCodes.Failure;
                }

                await using (gateway.ConfigureAwait(false))
                {
                    console.WriteLine($"Suanwang gateway is up at {gateway.Url.GetLeftPart(UriPartial.Authority)}/v1");
                    console.Note($"over the {store.Dialect} store; Ctrl-C stops");
                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // Ctrl-C.
                    }

                    await gateway.StopAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
