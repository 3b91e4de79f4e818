using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Suanwang.Cli.Interaction;
using Suanwang.Core.Errors;
using Suanwang.Scheduling.Tokens;
using Suanwang.Simulation.Inputs;
using Suanwang.Simulation.Tokens;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang sim tokens</c>: replays an inference trace through the token router under each routing policy.</summary>
internal static class SimTokensCommand
{
    public static Command Create(ConsoleInteraction console)
    {
        var trace = new Option<string[]>("--trace") { Description = "Inference trace: Azure LLM 2023 CSV or JSON lines with hash_ids; repeat to merge files by arrival", Required = true };
        var network = new Option<string>("--network") { Description = "Network file (YAML); every pool serves the model", DefaultValueFactory = _ => "examples/networks/tokens-8.yaml" };
        var policy = new Option<string>("--policy") { Description = $"Comma-separated routing policies to compare: {string.Join(", ", RoutingPolicies.Names)}, or all", DefaultValueFactory = _ => "all" };
        var seed = new Option<int>("--seed") { Description = "Random seed (which requests are restricted)", DefaultValueFactory = _ => 1 };
        var restrictedShare = new Option<double>("--restricted-share") { Description = "Share of requests whose key allows only --restricted-to, 0..1", DefaultValueFactory = _ => 0 };
        var restrictedTo = new Option<string>("--restricted-to") { Description = "Comma-separated countries restricted requests may be served in", DefaultValueFactory = _ => "CN" };
        var report = new Option<string?>("--report") { Description = "HTML report file to write" };
        var markdown = new Option<string?>("--markdown") { Description = "Study page (Markdown) to write" };
        var format = FormatOption.Create();
        var command = new Command("tokens", "Replay an inference trace through the token router over a network's model endpoints")
        {
            trace, network, policy, seed, restrictedShare, restrictedTo, report, markdown, format,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var outputFormat = FormatOption.Parse(parse.GetValue(format));
            var policies = Policies(parse.GetValue(policy)!);
            var share = parse.GetValue(restrictedShare);
            if (share is < 0 or > 1 || double.IsNaN(share))
            {
                throw new InputException("--restricted-share", 0, "--restricted-share", "must be between 0 and 1");
            }

            var countries = parse.GetValue(restrictedTo)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => c.ToUpperInvariant()).ToArray();
            var net = NetworkFile.Read(parse.GetValue(network)!);
            var paths = parse.GetValue(trace)!;
            var tokens = TokenTraceReader.Read(paths);
            var options = new TokenSimulationOptions(policies[0], parse.GetValue(seed), share, countries);
            var result = console.WithProgress($"{tokens.Count:N0} requests, {policies.Count} policies", p => TokenStudy.Run(net, tokens, policies, options, p, cancellationToken));
            var reportPath = parse.GetValue(report);
            if (reportPath is not null)
            {
                File.WriteAllText(reportPath, TokenReport.Render(result));
            }

            var markdownPath = parse.GetValue(markdown);
            if (markdownPath is not null)
            {
                var line = $"dotnet run -c Release --project src/Suanwang.Cli -- sim tokens {string.Join(' ', paths.Select(p => $"--trace {p}"))} --network {parse.GetValue(network)} --seed {parse.GetValue(seed)}"
                    + (share > 0 ? $" --restricted-share {share.ToString(CultureInfo.InvariantCulture)} --restricted-to {string.Join(',', countries)}" : "")
                    + $" --markdown {markdownPath}";
                File.WriteAllText(markdownPath, TokenStudyMarkdown.Render(result, line));
            }

            if (outputFormat == OutputFormat.Json)
            {
                console.WriteLine(TokenJson.Serialize(result));
            }
            else
            {
                Print(console, result);
                if (reportPath is not null)
                {
                    console.WriteLine($"Report: {reportPath}");
                }
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static List<RoutingPolicy> Policies(string text)
    {
        if (text.Trim() == "all")
        {
            return [.. TokenStudy.DefaultPolicies];
        }

        var list = new List<RoutingPolicy>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!RoutingPolicies.TryParse(name, out var p))
            {
                throw new InputException("--policy", 0, "--policy", $"'{name}' is not one of {string.Join(", ", RoutingPolicies.Names)}, all");
            }

            list.Add(p);
        }

        return list.Count > 0 ? list : throw new InputException("--policy", 0, "--policy", "names no policy");
    }

    private static void Print(ConsoleInteraction console, TokenComparison c)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{TerminalText.Markup(c.Network)} · {c.Requests:N0} requests · {c.Endpoints.Count} endpoints · {TerminalText.Markup(c.Model)}");
        table.AddColumn("policy");
        foreach (var head in new[] { "TTFT p50", "TTFT p99", "E2E p50", "E2E p99", "prefix reuse", "cost", "kg CO2", "refused" })
        {
            table.AddColumn(new TableColumn(head).RightAligned());
        }

        long events = 0;
        double wall = 0;
        foreach (var r in c.Results)
        {
            table.AddRow(
                TerminalText.Markup(r.Policy),
                TokenReport.Seconds(r.TtftP50S),
                TokenReport.Seconds(r.TtftP99S),
                TokenReport.Seconds(r.E2eP50S),
                TokenReport.Seconds(r.E2eP99S),
                r.PrefixReuse.ToString("P1", CultureInfo.InvariantCulture),
                $"{r.Cost.ToString("N2", CultureInfo.InvariantCulture)} {TerminalText.Markup(r.Currency)}",
                r.Co2Kg.ToString("0.00", CultureInfo.InvariantCulture),
                r.Refused.ToString("N0", CultureInfo.InvariantCulture));
            events += r.Events;
            wall += r.WallSeconds;
        }

        console.Out.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{events:N0} events in {wall:0.00} s ({(wall > 0 ? events / wall : 0):N0} events/s)"));
    }
}
