using System.CommandLine;
using System.Globalization;
using Suanwang.Cli.Client;
using Suanwang.Cli.Interaction;
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
        var command = new Command("gateway", "Run the OpenAI-compatible token gateway alone (/v1 and /metrics) until Ctrl-C") { db, data, port, host };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var portNumber = parse.GetValue(port);
            if (portNumber is < 0 or > 65535)
            {
                throw new InputException("--port", 0, "--port", $"{portNumber} is not a port number (0 to 65535)");
            }

            var connection = parse.GetValue(db);
            var folder = DataFolder.Resolve(parse.GetValue(data));
            var store = StoreFactory.Open(connection, folder);
            await using (store.ConfigureAwait(false))
            {
                var options = new ServerOptions
                {
                    Urls = string.Create(CultureInfo.InvariantCulture, $"http://{parse.GetValue(host)}:{portNumber}"),
                    ConnectionString = connection,
                    DataFolder = folder,
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
