using Suanwang.Core.Errors;
using Suanwang.Core.Networks;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Studies;

/// <summary>
/// Replays the Pollux evaluation workloads (8 workloads of 160 jobs per relative load) over a
/// network under several policies without failures, for comparison with the published results of
/// the Pollux artifact's simulator (<see cref="PolluxPublished"/>).
/// </summary>
public static class PolluxStudy
{
    /// <summary>The load levels and the folder of each under the Pollux traces folder.</summary>
    public static IReadOnlyList<(double Load, string Folder)> Loads { get; } =
        [(0.5, "workloads-0.5"), (1.0, "workloads"), (1.5, "workloads-1.5"), (2.0, "workloads-2.0")];

    /// <summary>The policies compared by default.</summary>
    public static IReadOnlyList<string> DefaultPolicies { get; } = ["fifo", "backfill", "las", "srtf", Simulator.ElasticPolicy];

    /// <summary>Runs every policy on every workload found under <paramref name="polluxFolder"/>; <paramref name="progress"/> gets a line per load and policy.</summary>
    public static PolluxStudyResult Run(
        Network network,
        string polluxFolder,
        IReadOnlyList<string> policies,
        int seed,
        double restartSeconds,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var runs = new List<PolluxRun>();
        foreach (var (load, folder) in Loads)
        {
            var directory = Path.Combine(polluxFolder, folder);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            var traces = new List<(int Workload, Trace Trace)>();
            for (var w = 1; w <= 8; w++)
            {
                var path = Path.Combine(directory, $"workload-{w}.csv");
                if (File.Exists(path))
                {
                    traces.Add((w, TraceFile.Read(path, "pollux")));
                }
            }

            foreach (var policy in policies)
            {
                progress?.Report($"load {load:0.0#}, {policy}: {traces.Count} workloads");
                foreach (var (w, trace) in traces)
                {
                    var options = new SimulationOptions(policy, Seed: seed, Failures: false, RestartSeconds: restartSeconds);
                    var s = new Simulator(network, trace, options).Run(null, cancellationToken).Summary;
                    runs.Add(new PolluxRun(load, w, policy, s.Jct.MeanS, s.MakespanS, s.Utilization, s.LowerBound.JctMeanS, s.Jobs.Preemptions));
                }
            }
        }

        if (runs.Count == 0)
        {
            throw new InputException(polluxFolder, 0, "", "no workloads*/workload-N.csv under this folder; pass the Pollux traces folder (../shared/traces/pollux)");
        }

        return new PolluxStudyResult(network.Name, network.Cards, policies, runs, restartSeconds);
    }
}
