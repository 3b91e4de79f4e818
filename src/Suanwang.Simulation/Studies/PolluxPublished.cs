namespace Suanwang.Simulation.Studies;

/// <summary>
/// Published results of the Pollux artifact's simulator on its eight evaluation workloads (Qiao et
/// al., "Pollux: Co-adaptive Cluster Scheduling for Goodput-Optimized Deep Learning", OSDI 2021;
/// petuum/adaptdl, branch osdi21-artifact, simulator/), in seconds of mean job completion time.
/// </summary>
public static class PolluxPublished
{
    /// <summary>Where the figures come from, for the study page.</summary>
    public const string Source =
        "Qiao et al., \"Pollux: Co-adaptive Cluster Scheduling for Goodput-Optimized Deep Learning\", OSDI 2021; " +
        "the artifact's simulator (petuum/adaptdl, branch osdi21-artifact, folder simulator/, commit c793c70), its job-load " +
        "results (results-jobload/) at relative loads 0.5, 1 and 2: the mean over the 8 workloads of each workload's mean JCT, " +
        "as recorded in issue 14 (the raw result files are not part of the traces shipped in ../shared/traces/pollux)";

    /// <summary>Where the per-workload figures come from.</summary>
    public const string WorkloadSource =
        "the artifact's simulator README (simulator/README.md, \"Checking Simulator Fidelity\"), which gives each policy's " +
        "average JCT on workload 6 at the base load; it publishes no other single-workload figures";

    /// <summary>The policies the artifact compares, in its order.</summary>
    public static IReadOnlyList<string> Policies { get; } = ["Tiresias", "Optimus", "Pollux"];

    /// <summary>Mean JCT in hours per relative load and policy (Tiresias+TunedJobs, Optimus+Oracle+TunedJobs, Pollux).</summary>
    public static IReadOnlyDictionary<double, double[]> MeanJctHours { get; } = new Dictionary<double, double[]>
    {
        [0.5] = [0.58, 0.67, 0.43],
        [1.0] = [1.12, 1.58, 0.76],
        [2.0] = [2.79, 2.70, 1.47],
    };

    /// <summary>Mean JCT in seconds of each policy on one workload at the base load, where published.</summary>
    public static IReadOnlyDictionary<int, double[]> WorkloadJctSeconds { get; } = new Dictionary<int, double[]>
    {
        [6] = [3469.69375, 5301.875, 2446.13125],
    };
}
