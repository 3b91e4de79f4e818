namespace Suanwang.Simulation.Tests.Traces;

/// <summary>
/// Finds the traces: the folder named by SUANWANG_TRACES, else shared/traces in or above the
/// test's base directory (CI clones the repository with shared/ beside it), else the samples
/// committed in tests/data/traces, on which only the tests marked <see cref="FullTracesFactAttribute"/>
/// or <see cref="FullTracesTheoryAttribute"/> do not run.
/// </summary>
internal static class TracePaths
{
    public const string EnvironmentVariable = "SUANWANG_TRACES";

    /// <summary>Why a test of a whole trace did not run.</summary>
    public const string NotFound = "needs the full public traces: set SUANWANG_TRACES or put shared/traces beside the repository (scripts/download-traces.sh)";

    private static readonly (string Root, bool Full) s_found = Locate();

    public static string Root => s_found.Root;

    /// <summary>Whether <see cref="Root"/> holds the full traces rather than the samples.</summary>
    public static bool Full => s_found.Full;

    public static string Philly => Path.Combine(Root, "philly", "philly.csv");

    public static string PolluxApps => Path.Combine(Root, "pollux", "apps");

    public static string AlibabaDefault => Alibaba("openb_pod_list_default.csv");

    public static string AlibabaGpuSpec33 => Alibaba("openb_pod_list_gpuspec33.csv");

    public static string AlibabaMultiGpu50 => Alibaba("openb_pod_list_multigpu50.csv");

    public static string PolluxWorkload(int number, string folder = "workloads") =>
        Path.Combine(Root, "pollux", folder, $"workload-{number}.csv");

    public static string PolluxApp(string application, string file) => Path.Combine(PolluxApps, application, file);

    private static string Alibaba(string file) => Path.Combine(Root, "alibaba-gpu-2023", file);

    private static (string Root, bool Full) Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured)
                ? (configured, true)
                : throw new InvalidOperationException($"{EnvironmentVariable}={configured} is not a folder");
        }

        string? samples = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "traces");
            if (Directory.Exists(candidate))
            {
                return (candidate, true);
            }

            var committed = Path.Combine(dir.FullName, "tests", "data", "traces");
            if (samples is null && Directory.Exists(committed))
            {
                samples = committed;
            }
        }

        return samples is not null
            ? (samples, false)
            : throw new InvalidOperationException($"no shared/traces or tests/data/traces folder in or above {AppContext.BaseDirectory}; set {EnvironmentVariable} to the traces folder");
    }
}
