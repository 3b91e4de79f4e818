using System.Globalization;
using Suanwang.Core.Errors;

namespace Suanwang.Simulation.Traces;

/// <summary>
/// Reads a Pollux evaluation workload (Qiao et al., OSDI 2021; workloads*/workload-N.csv with
/// columns name, time, application, num_replicas, batch_size). The file gives no run time, so it is
/// derived from the application's measured model in apps/APP/ (the artifact's simulator/traces/APP):
/// <list type="number">
/// <item>Iterations to completion: the final <c>iteration</c> of validation-B.csv for the job's
/// batch_size B, or of the nearest batch size measured. Each file ends at the epoch count Pollux's
/// simulator trains the application for, so this is the iteration count it runs to.</item>
/// <item>Seconds per iteration: <c>step_time</c> (the whole iteration, synchronisation included)
/// for num_replicas replicas at local batch size batch_size / num_replicas. The replicas are packed
/// four to a node as Pollux's simulator does (6 → placement "24"); placements.csv gives that
/// placement's row at the nearest local_bsz. Past 16 replicas, which placements.csv does not cover,
/// scalability.csv gives the row with the fewest num_nodes for num_replicas, at the nearest local_bsz.</item>
/// <item>Run time = iterations × seconds per iteration.</item>
/// </list>
/// Pollux's own simulator interpolates between measured batch sizes and placements and splits local
/// batches above an application's limit into accumulation steps; taking the nearest measurement
/// instead keeps the derivation checkable by hand and differs from it by the spacing of the grid.
/// Cards = num_replicas; tenant = application; arrival = time relative to the first submission.
/// Each job also carries its elastic profile (see <c>PolluxApplication.Elastic</c>): its total batch
/// size kept, iterations as work, from the fewest cards its local batch fits on up to four times
/// num_replicas, for <c>sim --elastic</c>.
/// </summary>
public sealed class PolluxTraceReader : ITraceReader
{
    private const int Name = 0;
    private const int Time = 1;
    private const int Application = 2;
    private const int NumReplicas = 3;
    private const int BatchSize = 4;
    private const string AppsFolder = "apps";

    // An elastic job may grow to this many times the replicas it asked for (and the most measured).
    private const int ElasticGrowth = 4;

    private static readonly CsvSchema s_schema = new("name", "time", "application", "num_replicas", "batch_size");

    /// <summary>Creates a reader; <paramref name="appsDirectory"/> is the folder of application models, or null to find <c>apps/</c> in or above the workload file's folder.</summary>
    public PolluxTraceReader(string? appsDirectory = null)
    {
        AppsDirectory = appsDirectory;
    }

    /// <summary>The folder of application models given at construction, or null to search for it.</summary>
    public string? AppsDirectory { get; }

    /// <inheritdoc />
    public string Format => "pollux";

    // Pollux's testbed was 16 AWS g4dn.12xlarge nodes of four NVIDIA T4s each (Qiao et al., OSDI
    // 2021, section 5). The measurements agree: placements stop at four replicas per node, and
    // ResNet-50 on ImageNet runs at about 216 images/s on one GPU (apps/imagenet/placements.csv,
    // local_bsz 200), a T4's rate rather than a V100's.
    /// <inheritdoc />
    public string ReferenceModel => "T4";

    /// <inheritdoc />
    public bool Matches(string headerLine) => s_schema.Matches(headerLine);

    /// <summary>Finds the <c>apps/</c> folder in or above the folder of <paramref name="workloadPath"/>, or null.</summary>
    public static string? FindAppsDirectory(string workloadPath)
    {
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(workloadPath)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var apps = Path.Combine(dir, AppsFolder);
            if (Directory.Exists(apps))
            {
                return apps;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public Trace Read(TextReader reader, string source)
    {
        s_schema.CheckHeader(reader.ReadLine(), source);
        var builder = new TraceBuilder();
        var tenants = new StringPool();
        var applications = new Dictionary<string, PolluxApplication>(StringComparer.Ordinal);
        string? apps = null;
        Span<Range> ranges = stackalloc Range[s_schema.Count + 1];
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var row = s_schema.Split(line, lineNumber, source, ranges);
            var name = row.Required(Name).ToString();
            var submitted = row.Double(Time, 0);
            apps ??= ResolveApps(row, source);
            var tenant = tenants.Get(row.Required(Application));
            var application = Resolve(row, apps, tenant, applications);
            var replicas = row.Int(NumReplicas, 1);
            var batchSize = row.Int(BatchSize, 1);
            var (_, iterations) = application.Iterations(batchSize);
            if (!application.TryStepTime(replicas, batchSize / (double)replicas, out var stepTime))
            {
                throw row.Error(
                    NumReplicas,
                    string.Create(CultureInfo.InvariantCulture, $"{application.Directory} has no step time measured for {replicas} replicas (neither placement {PolluxApplication.PackedPlacement(replicas)} in placements.csv nor scalability.csv)"));
            }

            var elastic = application.Elastic(replicas, batchSize, iterations, ElasticGrowth * replicas);
            builder.Add(name, submitted, iterations * stepTime, replicas, tenant, [], elastic);
        }

        return builder.Build(source, Format, ReferenceModel);
    }

    private string ResolveApps(CsvRow row, string source)
    {
        if (AppsDirectory is not null)
        {
            return Directory.Exists(AppsDirectory)
                ? AppsDirectory
                : throw row.Error(Application, $"the application models folder {AppsDirectory} does not exist");
        }

        return FindAppsDirectory(source)
            ?? throw row.Error(
                Application,
                $"no {AppsFolder}/ folder of application models in or above {Path.GetDirectoryName(Path.GetFullPath(source))}; pass the folder explicitly");
    }

    private static PolluxApplication Resolve(CsvRow row, string apps, string name, Dictionary<string, PolluxApplication> loaded)
    {
        if (loaded.TryGetValue(name, out var application))
        {
            return application;
        }

        var directory = Path.Combine(apps, name);
        if (name.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or ".." || !Directory.Exists(directory))
        {
            var known = Directory.GetDirectories(apps).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            throw row.Error(Application, $"unknown application '{name}'; {apps} has {string.Join(", ", known)}");
        }

        application = PolluxApplication.Load(directory);
        loaded.Add(name, application);
        return application;
    }
}
