using System.CommandLine;
using Suanwang.Cli.Interaction;
using Suanwang.Simulation.Inputs;
using Suanwang.Simulation.Studies;
using Suanwang.Simulation.Traces;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang study federation|pollux|saturated</c>: regenerates a study page.</summary>
internal static class StudyCommand
{
    public static Command Create(ConsoleInteraction console)
    {
        var network = new Option<string>("--network") { Description = "Network file whose site ids end with the trace's tenant names", DefaultValueFactory = _ => "examples/networks/philly-15.yaml" };
        var trace = new Option<string>("--trace") { Description = "Trace file", DefaultValueFactory = _ => "../shared/traces/philly/philly.csv" };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Markdown file to write", DefaultValueFactory = _ => "docs/studies/philly-federation.md" };
        var federation = new Command("federation", "Each site alone (FIFO, backfill) against the federation (time, cost, carbon)") { network, trace, seed, output };
        federation.SetAction((parse, cancellationToken) =>
        {
            var net = NetworkFile.Read(parse.GetValue(network)!);
            var workload = TraceFile.Read(parse.GetValue(trace)!);
            var result = FederationStudy.Run(net, workload, parse.GetValue(seed), new Progress<string>(console.Note), cancellationToken);
            var command = $"dotnet run -c Release --project src/Suanwang.Cli -- study federation --network {parse.GetValue(network)} --trace {parse.GetValue(trace)} --seed {parse.GetValue(seed)} --out {parse.GetValue(output)}";
            return Task.FromResult(WritePage(console, parse.GetValue(output)!, FederationStudyMarkdown.Render(result, command)));
        });
        return new Command("study", "Reproducible studies") { federation, Pollux(console), Saturated(console) };
    }

    private static Command Saturated(ConsoleInteraction console)
    {
        var network = new Option<string>("--network") { Description = "Network file whose site ids end with the trace's tenant names", DefaultValueFactory = _ => "examples/networks/philly-15.yaml" };
        var trace = new Option<string>("--trace") { Description = "Trace file", DefaultValueFactory = _ => "../shared/traces/philly/philly.csv" };
        var policies = new Option<string>("--policies") { Description = "Comma-separated policies the federation runs", DefaultValueFactory = _ => string.Join(',', SaturatedFederationStudy.DefaultPolicies) };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Markdown file to write", DefaultValueFactory = _ => "docs/studies/saturated-federation.md" };
        var command = new Command("saturated", "The federation at 0.5x to 2x of a load that keeps it 50-80 % busy: isolated sites against the federation under each policy")
        {
            network, trace, policies, seed, output,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var net = NetworkFile.Read(parse.GetValue(network)!);
            var workload = TraceFile.Read(parse.GetValue(trace)!);
            var names = parse.GetValue(policies)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var result = SaturatedFederationStudy.Run(net, workload, names, SaturatedFederationStudy.Loads, parse.GetValue(seed), new Progress<string>(console.Note), cancellationToken);
            var line = $"dotnet run -c Release --project src/Suanwang.Cli -- study saturated --network {parse.GetValue(network)} --trace {parse.GetValue(trace)} --policies {string.Join(',', names)} --seed {parse.GetValue(seed)} --out {parse.GetValue(output)}";
            return Task.FromResult(WritePage(console, parse.GetValue(output)!, SaturatedFederationMarkdown.Render(result, line)));
        });
        return command;
    }

    private static Command Pollux(ConsoleInteraction console)
    {
        var network = new Option<string>("--network") { Description = "Network file", DefaultValueFactory = _ => "examples/networks/pollux-64gpu.yaml" };
        var traces = new Option<string>("--traces") { Description = "Pollux traces folder (workloads*/, apps/)", DefaultValueFactory = _ => "../shared/traces/pollux" };
        var policies = new Option<string>("--policies") { Description = "Comma-separated policies to compare", DefaultValueFactory = _ => string.Join(',', PolluxStudy.DefaultPolicies) };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var restartCost = new Option<double>("--restart-cost") { Description = "Seconds a preempted job spends resuming from its checkpoint", DefaultValueFactory = _ => 30 };
        var output = new Option<string>("--out") { Description = "Markdown file to write", DefaultValueFactory = _ => "docs/studies/pollux-comparison.md" };
        var command = new Command("pollux", "The Pollux evaluation workloads under our policies, beside the published Tiresias, Optimus and Pollux figures")
        {
            network, traces, policies, seed, restartCost, output,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var net = NetworkFile.Read(parse.GetValue(network)!);
            var names = parse.GetValue(policies)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var result = PolluxStudy.Run(net, parse.GetValue(traces)!, names, parse.GetValue(seed), parse.GetValue(restartCost), new Progress<string>(console.Note), cancellationToken);
            var line = $"dotnet run -c Release --project src/Suanwang.Cli -- study pollux --network {parse.GetValue(network)} --traces {parse.GetValue(traces)} --policies {string.Join(',', names)} --restart-cost {parse.GetValue(restartCost)} --out {parse.GetValue(output)}";
            return Task.FromResult(WritePage(console, parse.GetValue(output)!, PolluxStudyMarkdown.Render(result, line)));
        });
        return command;
    }

    // Written whole or not at all: a page is replaced only once complete.
    private static int WritePage(ConsoleInteraction console, string path, string page)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, page);
        File.Move(temp, path, overwrite: true);
        console.WriteLine($"Wrote {path}");
        return ExitCodes.Success;
    }
}
