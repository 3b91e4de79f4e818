using System.Collections.ObjectModel;

namespace Suanwang.Simulation.Traces;

/// <summary>
/// Collects a reader's jobs with their raw submission times, counts what was skipped or adjusted,
/// and builds the <see cref="Trace"/>: arrivals relative to the first submission, sorted stably.
/// </summary>
internal sealed class TraceBuilder
{
    private readonly List<Entry> _entries;
    private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _adjusted = new(StringComparer.Ordinal);

    public TraceBuilder(int capacity = 0)
    {
        _entries = new List<Entry>(capacity);
    }

    /// <summary>Adds a job submitted at <paramref name="submittedSeconds"/> on the trace's own clock.</summary>
    public void Add(string name, double submittedSeconds, double runtimeSeconds, int cards, string tenant, IReadOnlyList<string> models, ElasticProfile? elastic = null) =>
        _entries.Add(new Entry(name, submittedSeconds, runtimeSeconds, cards, tenant, models, elastic));

    /// <summary>Counts a row left out of the simulation.</summary>
    public void Skip(string reason) => Count(_skipped, reason);

    /// <summary>Counts a row simulated with a change to what the trace says.</summary>
    public void Adjust(string reason) => Count(_adjusted, reason);

    /// <summary>The trace, jobs sorted by arrival with ties in file order.</summary>
    public Trace Build(string source, string format, string referenceModel)
    {
        var first = double.PositiveInfinity;
        foreach (var entry in _entries)
        {
            first = Math.Min(first, entry.Submitted);
        }

        var jobs = new TraceJob[_entries.Count];
        for (var i = 0; i < jobs.Length; i++)
        {
            var e = _entries[i];
            jobs[i] = new TraceJob(e.Name, e.Submitted - first, e.Runtime, e.Cards, e.Tenant, e.Models) { Elastic = e.Elastic };
        }

        // Array.Sort is not stable; sorting (arrival, index) pairs keeps equal arrivals in file order.
        var order = new (double Arrival, int Index)[jobs.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = (jobs[i].ArrivalSeconds, i);
        }

        Array.Sort(order);
        var sorted = new TraceJob[jobs.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = jobs[order[i].Index];
        }

        return new Trace(source, format, referenceModel, Array.AsReadOnly(sorted), _skipped.AsReadOnly())
        {
            Adjusted = _adjusted.AsReadOnly(),
        };
    }

    private static void Count(Dictionary<string, int> counts, string reason) =>
        counts[reason] = counts.GetValueOrDefault(reason) + 1;

    private readonly record struct Entry(string Name, double Submitted, double Runtime, int Cards, string Tenant, IReadOnlyList<string> Models, ElasticProfile? Elastic);
}
