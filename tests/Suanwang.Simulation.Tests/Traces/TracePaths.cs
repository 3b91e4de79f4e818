namespace Suanwang.Simulation.Tests.Traces;

/// <summary>
/// Finds the real traces: the folder named by SUANWANG_TRACES, else shared/traces in or above the
/// test's base directory (CI clones the repository with shared/ beside it).
/// </summary>
internal static class TracePaths
{
    public const string EnvironmentVariable = "SUANWANG_TRACES";

    public static string Root { get; } = Locate();

    public static string Philly => Path.Combine(Root, "philly", "philly.csv");

    public static string PolluxApps => Path.Combine(Root, "pollux", "apps");

    public static string AlibabaDefault => Alibaba("openb_pod_list_default.csv");

    public static string AlibabaGpuSpec33 => Alibaba("openb_pod_list_gpuspec33.csv");

    public static string AlibabaMultiGpu50 => Alibaba("openb_pod_list_multigpu50.csv");

    public static string PolluxWorkload(int number, string folder = "workloads") =>
        Path.Combine(Root, "pollux", folder, $"workload-{number}.csv");

    public static string PolluxApp(string application, string file) => Path.Combine(PolluxApps, application, file);

    private static string Alibaba(string file) => Path.Combine(Root, "alibaba-gpu-2023", file);

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{EnvironmentVariable}={configured} is not a folder");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "traces");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"no shared/traces folder in or above {AppContext.BaseDirectory}; set {EnvironmentVariable} to the traces folder");
    }
}
