using Suanwang.Bench.Common;

namespace Suanwang.Bench.Replay;

/// <summary>
/// <c>philly [TRACE.csv] [--runs N]</c>: the whole Philly trace over examples/networks/philly-15.yaml
/// under each policy and objective, each run in a fresh child process. Wall time covers reading
/// the network and the trace plus building and running the simulator; memory is the child's peak
/// working set.
/// </summary>
public static class PhillyCommand
{
    public const double TargetSeconds = 3;
    public const double TargetMegabytes = 500;

    public static readonly string[] Policies = ["fifo", "backfill", "fair-share"];
    public static readonly string[] Objectives = ["time", "cost", "carbon"];

    public static int Run(IReadOnlyList<string> args)
    {
        Console.WriteLine($"machine: {Machine.Current().Describe()}");
        var trace = Commands.Positional(args);
        var runs = Commands.Option(args, "--runs") ?? 3;
        var results = Measure(trace, runs);
        Console.WriteLine();
        Console.WriteLine(Table(results));
        return results.All(r => Meets(r.Samples)) ? 0 : 1;
    }

    public static IReadOnlyList<(string Policy, string Objective, ReplaySamples Samples)> Measure(string? trace, int runs)
    {
        trace ??= Path.Combine(RepoPaths.Traces(), "philly", "philly.csv");
        var network = RepoPaths.PhillyNetwork;
        Console.WriteLine($"philly: {trace} over {network}");
        Console.WriteLine($"each configuration {runs} time(s) in a fresh process; figures are best / median; memory is the child's peak working set (VmHWM)");
        var results = new List<(string, string, ReplaySamples)>();
        foreach (var policy in Policies)
        {
            foreach (var objective in Objectives)
            {
                var samples = new ReplaySamples();
                for (var r = 0; r < runs; r++)
                {
                    samples.Add(ChildProcess.Run(["philly", trace, network, policy, objective]));
                }

                var last = samples.Last!;
                Console.WriteLine(
                    $"  {policy,-10} {objective,-6}: read+simulate {Format.BestMedian(samples.Total, Format.Seconds)} " +
                    $"(read {Format.Seconds(samples.Read.Median)}, simulate {Format.Seconds(samples.Simulate.Median)}; process CPU {Format.Seconds(samples.Cpu.Median)}), " +
                    $"peak {Format.BestMedian(samples.PeakBytes, Format.Megabytes)}, {Format.Count(last.Events)} events, " +
                    $"{Format.Count(last.Completed)} of {Format.Count(last.Jobs)} jobs completed{(Meets(samples) ? "" : "  <-- over target")}");
                results.Add((policy, objective, samples));
            }
        }

        Console.WriteLine($"targets: read+simulate < {TargetSeconds} s and peak < {TargetMegabytes} MB per configuration (judged on the median)");
        return results;
    }

    public static MarkdownTable Table(IEnumerable<(string Policy, string Objective, ReplaySamples Samples)> results)
    {
        var table = new MarkdownTable("policy", "objective", "read+simulate (best / median)", "process CPU (median)", "peak memory (best / median)", "events", "events/s (median)");
        foreach (var (policy, objective, samples) in results)
        {
            table.Add(
                policy,
                objective,
                Format.BestMedian(samples.Total, Format.Seconds),
                Format.Seconds(samples.Cpu.Median),
                Format.BestMedian(samples.PeakBytes, Format.Megabytes),
                Format.Count(samples.Last!.Events),
                Format.Count(samples.EventsPerSecond.Median));
        }

        return table;
    }

    private static bool Meets(ReplaySamples samples) =>
        samples.Total.Median < TargetSeconds && samples.PeakBytes.Median < TargetMegabytes * 1024 * 1024;
}
