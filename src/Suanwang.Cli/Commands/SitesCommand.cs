using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Suanwang.Cli.Interaction;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang sites</c>: the registered sites, their state and free cards.</summary>
internal static class SitesCommand
{
    private static readonly string[] s_columns = ["id", "jurisdiction", "backend", "state", "cards free / all", "pools", "last heartbeat"];

    public static Command Create(ConsoleInteraction console)
    {
        var options = new ClientOptions();
        var command = new Command("sites", "List the sites");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = options.Format(parse);
            using var client = await options.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var sites = await client.ListSitesAsync(cancellationToken).ConfigureAwait(false);
            if (format == OutputFormat.Json)
            {
                JobOutput.Json(console, sites);
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in s_columns)
            {
                table.AddColumn(column);
            }

            foreach (var site in sites)
            {
                var pools = string.Join(", ", site.Pools.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Nodes}×{p.CardsPerNode} {p.Model}")));
                table.AddRow(
                    TerminalText.Markup(site.Id),
                    TerminalText.Markup(site.Jurisdiction),
                    TerminalText.Markup(site.Backend),
                    site.State == "up" ? "[green]up[/]" : $"[yellow]{TerminalText.Markup(site.State)}[/]",
                    string.Create(CultureInfo.InvariantCulture, $"{site.FreeCards} / {site.Cards}"),
                    TerminalText.Markup(pools),
                    site.LastHeartbeat.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture));
            }

            console.Out.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
