using System.CommandLine;
using Suanwang.Cli.Interaction;
using Suanwang.Simulation.Inputs;
using Suanwang.Simulation.Studies;
using Suanwang.Simulation.Traces;

namespace Suanwang.Cli.Commands;

/// <summary><c>suanwang study federation</c>: regenerates the federation study page.</summary>
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
            var path = parse.GetValue(output)!;
            var temp = path + ".tmp";
            File.WriteAllText(temp, FederationStudyMarkdown.Render(result, command));
            File.Move(temp, path, overwrite: true);
            console.WriteLine($"Wrote {path}");
            return Task.FromResult(ExitCodes.Success);
        });
        return new Command("study", "Reproducible studies") { federation };
    }
}
