using System.Globalization;
using Suanwang.Core.Errors;

namespace Suanwang.Simulation.Traces;

/// <summary>
/// The measured model of one Pollux application (a folder apps/APP/): iterations to completion per
/// total batch size, and step time per placement of replicas and local batch size.
/// </summary>
internal sealed class PolluxApplication
{
    // Pollux's testbed had four GPUs per node; placements.csv measures every placement of up to
    // four replicas on each of up to four nodes.
    private const int GpusPerNode = 4;

    private static readonly CsvSchema s_validation = new("progress", "iteration", "metric", "grad_sqr", "grad_var");
    private static readonly CsvSchema s_placements = new("placement", "local_bsz", "step_time", "sync_time");
    private static readonly CsvSchema s_scalability = new("num_nodes", "num_replicas", "local_bsz", "step_time", "sync_time");

    private readonly (int BatchSize, double Iterations)[] _validation;
    private readonly Dictionary<string, List<(double LocalBatch, double StepTime)>> _placements;
    private readonly List<(int Nodes, int Replicas, double LocalBatch, double StepTime)> _scalability;

    private PolluxApplication(
        string directory,
        (int BatchSize, double Iterations)[] validation,
        Dictionary<string, List<(double LocalBatch, double StepTime)>> placements,
        List<(int Nodes, int Replicas, double LocalBatch, double StepTime)> scalability)
    {
        Directory = directory;
        _validation = validation;
        _placements = placements;
        _scalability = scalability;
    }

    /// <summary>The application's folder.</summary>
    public string Directory { get; }

    /// <summary>Reads apps/APP/; errors name the file, line and column at fault.</summary>
    public static PolluxApplication Load(string directory)
    {
        var validation = new List<(int BatchSize, double Iterations)>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "validation-*.csv"))
        {
            var suffix = Path.GetFileNameWithoutExtension(path)["validation-".Length..];
            if (!int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var batchSize) || batchSize < 1)
            {
                throw new InputException(path, 0, "", "a validation file must be named validation-BATCHSIZE.csv, with a whole batch size");
            }

            validation.Add((batchSize, ReadFinalIteration(path)));
        }

        if (validation.Count == 0)
        {
            throw new InputException(directory, 0, "", "the application has no validation-BATCHSIZE.csv files");
        }

        validation.Sort((a, b) => a.BatchSize.CompareTo(b.BatchSize));
        return new PolluxApplication(directory, [.. validation], ReadPlacements(directory), ReadScalability(directory));
    }

    /// <summary>
    /// Iterations to completion at <paramref name="batchSize"/>: the final iteration of the
    /// validation file with the nearest batch size (the smaller of two equally near).
    /// </summary>
    public (int BatchSize, double Iterations) Iterations(int batchSize)
    {
        var best = _validation[0];
        foreach (var entry in _validation)
        {
            if (Math.Abs(entry.BatchSize - batchSize) < Math.Abs(best.BatchSize - batchSize))
            {
                best = entry;
            }
        }

        return best;
    }

    /// <summary>
    /// Seconds per iteration for <paramref name="replicas"/> replicas at <paramref name="localBatch"/>
    /// samples each, or false when neither file measured that many replicas.
    /// </summary>
    public bool TryStepTime(int replicas, double localBatch, out double stepTime)
    {
        // Replicas packed four to a node, as Pollux's simulator places a job of a fixed size
        // (applications.py, get_configurations): 6 replicas are "24", the smallest rotation of 4+2.
        if (_placements.TryGetValue(PackedPlacement(replicas), out var measured))
        {
            stepTime = Nearest(measured, localBatch);
            return true;
        }

        // Beyond four full nodes only scalability.csv has figures; take its most compact runs.
        var fewestNodes = int.MaxValue;
        foreach (var row in _scalability)
        {
            if (row.Replicas == replicas)
            {
                fewestNodes = Math.Min(fewestNodes, row.Nodes);
            }
        }

        var candidates = new List<(double LocalBatch, double StepTime)>();
        foreach (var row in _scalability)
        {
            if (row.Replicas == replicas && row.Nodes == fewestNodes)
            {
                candidates.Add((row.LocalBatch, row.StepTime));
            }
        }

        stepTime = candidates.Count > 0 ? Nearest(candidates, localBatch) : double.NaN;
        return candidates.Count > 0;
    }

    /// <summary>
    /// The job's elastic profile at its total batch size <paramref name="batchSize"/>, kept whatever
    /// its cards (so the iterations to completion do not change): on k cards each replica takes
    /// batchSize / k samples and an iteration takes <see cref="TryStepTime"/> of k replicas there.
    /// Other sizes count only where the local batch is within the measured range (nothing is
    /// extrapolated), up to <paramref name="maxCards"/> and the most replicas measured; sizes with no
    /// measured step time get 0. At <paramref name="replicas"/> the step time is the one
    /// the trace reader uses, so the job run rigidly takes its recorded run time.
    /// </summary>
    public ElasticProfile Elastic(int replicas, int batchSize, double iterations, int maxCards)
    {
        var most = Math.Max(replicas, Math.Min(maxCards, MaxReplicas()));
        var (smallest, largest) = LocalBatchRange();
        var throughput = new double[most + 1];
        var min = replicas;
        var max = replicas;
        for (var k = 1; k <= most; k++)
        {
            var local = batchSize / (double)k;
            if ((k != replicas && local > largest) || (k > replicas && local < smallest))
            {
                continue;
            }

            if (TryStepTime(k, local, out var stepTime) && stepTime > 0)
            {
                throughput[k] = 1 / stepTime;
                min = Math.Min(min, k);
                max = Math.Max(max, k);
            }
        }

        return new ElasticProfile(min, max, iterations, throughput[..(max + 1)]);
    }

    private int MaxReplicas()
    {
        var most = GpusPerNode * GpusPerNode;
        foreach (var row in _scalability)
        {
            most = Math.Max(most, row.Replicas);
        }

        return most;
    }

    private (double Smallest, double Largest) LocalBatchRange()
    {
        var smallest = double.PositiveInfinity;
        var largest = 0.0;
        foreach (var rows in _placements.Values)
        {
            foreach (var (localBatch, _) in rows)
            {
                smallest = Math.Min(smallest, localBatch);
                largest = Math.Max(largest, localBatch);
            }
        }

        return (smallest, largest);
    }

    /// <summary>The placements.csv id of <paramref name="replicas"/> packed four to a node: 1 → "1", 6 → "24", 12 → "444".</summary>
    public static string PackedPlacement(int replicas)
    {
        var full = replicas / GpusPerNode;
        var rest = replicas % GpusPerNode;
        return (rest > 0 ? rest.ToString(CultureInfo.InvariantCulture) : "") + new string('4', full);
    }

    // The nearest measured local batch size; of two equally near, the one listed first.
    private static double Nearest(List<(double LocalBatch, double StepTime)> rows, double localBatch)
    {
        var best = rows[0];
        foreach (var row in rows)
        {
            if (Math.Abs(row.LocalBatch - localBatch) < Math.Abs(best.LocalBatch - localBatch))
            {
                best = row;
            }
        }

        return best.StepTime;
    }

    private static double ReadFinalIteration(string path)
    {
        var iterations = double.NaN;
        ReadRows(path, s_validation, (in CsvRow row) => iterations = row.Double(1, 0));
        return double.IsNaN(iterations) ? throw new InputException(path, 2, "iteration", "the file has no rows") : iterations;
    }

    private static Dictionary<string, List<(double LocalBatch, double StepTime)>> ReadPlacements(string directory)
    {
        var placements = new Dictionary<string, List<(double LocalBatch, double StepTime)>>(StringComparer.Ordinal);
        ReadRows(Path.Combine(directory, "placements.csv"), s_placements, (in CsvRow row) =>
        {
            var placement = row.Required(0);
            foreach (var digit in placement)
            {
                if (digit is < '1' or > '9')
                {
                    throw row.Error(0, $"'{placement}' is not a placement (replicas per node, one digit per node, for example 24)");
                }
            }

            var key = placement.ToString();
            if (!placements.TryGetValue(key, out var rows))
            {
                rows = [];
                placements.Add(key, rows);
            }

            rows.Add((row.Double(1, 1), row.Double(2, 0)));
        });
        return placements;
    }

    private static List<(int Nodes, int Replicas, double LocalBatch, double StepTime)> ReadScalability(string directory)
    {
        var rows = new List<(int Nodes, int Replicas, double LocalBatch, double StepTime)>();
        ReadRows(Path.Combine(directory, "scalability.csv"), s_scalability, (in CsvRow row) =>
            rows.Add((row.Int(0, 1), row.Int(1, 1), row.Double(2, 1), row.Double(3, 0))));
        return rows;
    }

    private static void ReadRows(string path, CsvSchema schema, RowAction action)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "", "file not found; a Pollux application folder holds placements.csv, scalability.csv and validation-BATCHSIZE.csv");
        }

        using var reader = File.OpenText(path);
        schema.CheckHeader(reader.ReadLine(), path);
        Span<Range> ranges = stackalloc Range[schema.Count + 1];
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                action(schema.Split(line, lineNumber, path, ranges));
            }
        }
    }

    private delegate void RowAction(in CsvRow row);
}
