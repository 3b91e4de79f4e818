using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Suanwang.Cli.Interaction;
using Suanwang.Simulation;
using Suanwang.Simulation.Inputs;
using Suanwang.Simulation.Reporting;
using Suanwang.Simulation.Traces;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang sim</c>: replays a trace over a network and reports.</summary>
internal static class SimCommand
{
    public static Command Create(ConsoleInteraction console)
    {
        var network = new Option<string>("--network") { Description = "Network file (YAML), e.g. examples/networks/philly-15.yaml", Required = true };
        var trace = new Option<string>("--trace") { Description = "Workload trace file (Philly, Pollux or Alibaba CSV)", Required = true };
        var traceFormat = new Option<string?>("--trace-format") { Description = "philly, pollux or alibaba; detected from the header when omitted" };
        var policy = new Option<string>("--policy") { Description = "Queue policy: fifo, priority, fair-share, backfill, priority-backfill, fair-share-backfill, las, srtf, or elastic (as --elastic)", DefaultValueFactory = _ => "fifo" };
        var objective = new Option<string>("--objective") { Description = "Placement objective: time, cost, carbon or balanced", DefaultValueFactory = _ => "time" };
        var packer = new Option<string>("--packer") { Description = "Node packing: best-fit or fragmentation-aware", DefaultValueFactory = _ => "best-fit" };
        var seed = new Option<int>("--seed") { Description = "Random seed (site failures, spot marking)", DefaultValueFactory = _ => 1 };
        var spotShare = new Option<double>("--spot-share") { Description = "Share of jobs submitted as spot work, 0..1", DefaultValueFactory = _ => 0 };
        var noFailures = new Option<bool>("--no-failures") { Description = "Sites never fail" };
        var restartCost = new Option<double>("--restart-cost") { Description = "Seconds a preempted job spends resuming from its checkpoint (las, srtf)", DefaultValueFactory = _ => 30 };
        var elastic = new Option<bool>("--elastic") { Description = "Elastic jobs: the allocator resizes jobs with an elastic profile (the Pollux workloads' jobs) between their fewest and most cards, each resize a restart costing --restart-cost" };
        var report = new Option<string?>("--report") { Description = "Folder for summary.json and report.html" };
        var polluxApps = new Option<string?>("--pollux-apps") { Description = "Pollux application models folder (default: apps/ above the trace)" };
        var format = FormatOption.Create();

        var command = new Command("sim", "Simulate a workload trace over a network of sites")
        {
            network, trace, traceFormat, policy, objective, packer, seed, spotShare, noFailures, restartCost, elastic, report, polluxApps, format,
            SimTokensCommand.Create(console),
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var outputFormat = FormatOption.Parse(parse.GetValue(format));
            var net = NetworkFile.Read(parse.GetValue(network)!);
            var workload = TraceFile.Read(parse.GetValue(trace)!, parse.GetValue(traceFormat), parse.GetValue(polluxApps));
            var options = new SimulationOptions(
                parse.GetValue(policy)!,
                parse.GetValue(objective)!,
                parse.GetValue(packer)!,
                parse.GetValue(seed),
                !parse.GetValue(noFailures),
                parse.GetValue(spotShare),
                RestartSeconds: parse.GetValue(restartCost),
                Elastic: parse.GetValue(elastic));
            var simulator = new Simulator(net, workload, options);
            var result = console.WithProgress($"{workload.Jobs.Count:N0} jobs over {net.Sites.Count} sites", p => simulator.Run(p, cancellationToken));
            var folder = parse.GetValue(report);
            if (folder is not null)
            {
                ReportDirectory.Write(folder, result);
            }

            if (outputFormat == OutputFormat.Json)
            {
                console.WriteLine(SummaryJson.Serialize(result.Summary));
            }
            else
            {
                Print(console, result.Summary);
                if (folder is not null)
                {
                    console.WriteLine($"Report: {Path.Combine(folder, ReportDirectory.HtmlFileName)}");
                }
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static void Print(ConsoleInteraction console, SimulationSummary s)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"{TerminalText.Markup(s.Network)} · {TerminalText.Markup(s.Policy)} · {TerminalText.Markup(s.Objective)}");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddColumn(new TableColumn("lower bound").RightAligned());
        table.AddRow("jobs completed", $"{s.Jobs.Completed:N0} of {s.Jobs.Submitted:N0}", "");
        table.AddRow("jobs rejected", $"{s.Jobs.Rejected:N0}", "");
        table.AddRow("preemptions / requeues", $"{s.Jobs.Preemptions:N0} / {s.Jobs.Requeued:N0}", "");
        table.AddRow("JCT mean", Duration(s.Jct.MeanS), Duration(s.LowerBound.JctMeanS));
        table.AddRow("JCT median / p95 / p99", $"{Duration(s.Jct.MedianS)} / {Duration(s.Jct.P95S)} / {Duration(s.Jct.P99S)}", "");
        table.AddRow("wait mean / p99", $"{Duration(s.Wait.MeanS)} / {Duration(s.Wait.P99S)}", "");
        table.AddRow("makespan", Duration(s.MakespanS), Duration(s.LowerBound.MakespanS));
        table.AddRow("utilization", s.Utilization.ToString("P1", CultureInfo.InvariantCulture), "");
        table.AddRow("cost", $"{s.Cost.ToString("N2", CultureInfo.InvariantCulture)} {TerminalText.Markup(s.Currency)}", "");
        table.AddRow("energy / CO2", $"{s.EnergyKwh:N0} kWh / {s.Co2Kg:N0} kg", "");
        table.AddRow("Jain fairness (tenants)", s.JainFairness.ToString("0.000", CultureInfo.InvariantCulture), "");
        table.AddRow("events / wall", $"{s.Events:N0} / {s.WallSeconds:0.00} s", "");
        console.Out.Write(table);
    }

    private static string Duration(double seconds) => seconds switch
    {
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.0} min"),
        < 172800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.0} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:0.0} d"),
    };
}
