using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;

namespace Suanwang.Simulation.Traces;

/// <summary>
/// Reads an Alibaba GPU cluster pod list of 2023 (openb_pod_list_*.csv, Weng et al., USENIX ATC
/// 2023): arrival from creation_time, run time from scheduled_time to deletion_time, num_gpu cards
/// of the models in gpu_spec, the QoS class as tenant. CPU-only and never-scheduled pods are
/// skipped and counted in <see cref="Trace.Skipped"/>; rows changed to fit our model are counted in
/// <see cref="Trace.Adjusted"/>.
/// </summary>
public sealed class AlibabaTraceReader : ITraceReader
{
    /// <summary>Skipped: a pod that asked for no GPU.</summary>
    public const string CpuOnly = "cpu-only";

    /// <summary>Skipped: a pod never scheduled (empty scheduled_time, phase Pending), so it has no run time.</summary>
    public const string NeverScheduled = "never-scheduled";

    /// <summary>Skipped: a pod whose deletion_time is not after its scheduled_time.</summary>
    public const string NonPositiveRuntime = "non-positive-runtime";

    /// <summary>Adjusted: a pod that shared one GPU (gpu_milli below 1000) and is given the whole card.</summary>
    public const string FractionalGpuWholeCard = "fractional-gpu-whole-card";

    /// <summary>Adjusted: a pod whose gpu_spec named only Alibaba's undisclosed models (G1..G3); it accepts any model.</summary>
    public const string UnknownGpuModelRelaxed = "unknown-gpu-model-relaxed";

    /// <summary>Adjusted: a pod whose gpu_spec named undisclosed models (G1..G3) beside public ones; the public ones are kept.</summary>
    public const string UnknownGpuModelDropped = "unknown-gpu-model-dropped";

    private const int Name = 0;
    private const int CpuMilli = 1;
    private const int MemoryMib = 2;
    private const int NumGpu = 3;
    private const int GpuMilli = 4;
    private const int GpuSpec = 5;
    private const int Qos = 6;
    private const int PodPhase = 7;
    private const int CreationTime = 8;
    private const int DeletionTime = 9;
    private const int ScheduledTime = 10;

    // The resource columns every openb pod list starts with; openb_pod_list_multigpu50.csv has
    // only these, without gpu_spec, qos, phase or times.
    private const int ResourceColumns = 5;

    private static readonly CsvSchema s_schema = new(
        "name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli", "gpu_spec", "qos", "pod_phase", "creation_time", "deletion_time", "scheduled_time");

    // G1, G2 and G3 are Alibaba-internal GPU codes with no public figures (the trace's README says
    // they are undisclosed), so the catalog cannot hold them.
    private static readonly string[] s_undisclosedModels = ["G1", "G2", "G3"];

    private readonly AcceleratorCatalog? _catalog;

    /// <summary>Creates a reader that maps gpu_spec models through <paramref name="catalog"/> (default: the shipped catalog).</summary>
    public AlibabaTraceReader(AcceleratorCatalog? catalog = null)
    {
        // The shipped catalog is taken only when a pod list is read, so creating every reader to
        // detect a format does not parse the catalog.
        _catalog = catalog;
    }

    /// <inheritdoc />
    public string Format => "alibaba";

    // The trace does not record which card a pod ran on, so one model stands for all: the T4, the
    // publicly documented model with the most cards in the cluster (842 on 404 nodes in
    // openb_node_list_gpu_node.csv) and the one gpu_spec names most often. Only the undisclosed G2
    // has more cards (4,392), and it has no figures to scale by.
    /// <inheritdoc />
    public string ReferenceModel => "T4";

    /// <inheritdoc />
    /// <remarks>Matches on the resource columns, so a pod list without times is recognised and rejected with a clear reason.</remarks>
    public bool Matches(string headerLine) => s_schema.MatchesPrefix(headerLine, ResourceColumns);

    /// <inheritdoc />
    public Trace Read(TextReader reader, string source)
    {
        var header = reader.ReadLine();
        if (header is not null && s_schema.MatchesPrefix(header, ResourceColumns) && !s_schema.MatchesPrefix(header, s_schema.Count))
        {
            throw new InputException(
                source,
                1,
                s_schema[GpuSpec],
                $"this pod list has only the resource columns ({header.Trim()}), no gpu_spec, qos or times, so its pods cannot be replayed; expected {s_schema.Header}");
        }

        s_schema.CheckHeader(header, source);
        var catalog = _catalog ?? AcceleratorCatalog.Default;
        var builder = new TraceBuilder(capacity: 1024);
        var strings = new StringPool();
        var specs = new Dictionary<string, GpuSpecification>(StringComparer.Ordinal);
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
            row.Long(CpuMilli, 0);
            row.Long(MemoryMib, 0);
            var cards = row.Int(NumGpu, 0);
            var milli = row.Int(GpuMilli, 0, 1000);
            var spec = ReadSpecification(row, catalog, strings, specs);
            var tenant = strings.Get(row.Required(Qos));
            row.Required(PodPhase);
            var created = row.Long(CreationTime, long.MinValue);
            var deleted = row.Long(DeletionTime, long.MinValue);
            long? scheduled = row.IsEmpty(ScheduledTime) ? null : row.Long(ScheduledTime, long.MinValue);

            if (cards == 0)
            {
                builder.Skip(CpuOnly);
                continue;
            }

            if (scheduled is null)
            {
                builder.Skip(NeverScheduled);
                continue;
            }

            var runtime = deleted - scheduled.Value;
            if (runtime <= 0)
            {
                builder.Skip(NonPositiveRuntime);
                continue;
            }

            // Our sites give whole cards to one job (no GPU sharing), so a share of one GPU takes a card.
            if (milli < 1000)
            {
                builder.Adjust(FractionalGpuWholeCard);
            }

            if (spec.Dropped > 0)
            {
                builder.Adjust(spec.Models.Count == 0 ? UnknownGpuModelRelaxed : UnknownGpuModelDropped);
            }

            builder.Add(name, created, runtime, cards, tenant, spec.Models);
        }

        return builder.Build(source, Format, ReferenceModel);
    }

    private GpuSpecification ReadSpecification(CsvRow row, AcceleratorCatalog catalog, StringPool strings, Dictionary<string, GpuSpecification> specs)
    {
        var key = strings.Get(row.Text(GpuSpec));
        if (specs.TryGetValue(key, out var known))
        {
            return known;
        }

        var models = new List<string>();
        var dropped = 0;
        foreach (var part in key.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Array.Exists(s_undisclosedModels, m => m.Equals(part, StringComparison.OrdinalIgnoreCase)))
            {
                dropped++;
                continue;
            }

            if (!catalog.TryGet(part, out var model))
            {
                throw row.Error(
                    GpuSpec,
                    $"'{part}' is not a known GPU model; expected catalog models or aliases such as P100, T4, V100M16, V100M32, A10, or Alibaba's undisclosed {string.Join(", ", s_undisclosedModels)}");
            }

            if (!models.Contains(model.Id))
            {
                models.Add(model.Id);
            }
        }

        var spec = new GpuSpecification(models.AsReadOnly(), dropped);
        specs.Add(key, spec);
        return spec;
    }

    private sealed record GpuSpecification(IReadOnlyList<string> Models, int Dropped);
}
