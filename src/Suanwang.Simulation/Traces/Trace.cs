using System.Collections.ObjectModel;

namespace Suanwang.Simulation.Traces;

/// <summary>A workload trace read from a file: its jobs in arrival order and what was left out.</summary>
/// <param name="Source">The file it came from.</param>
/// <param name="Format">philly, pollux or alibaba.</param>
/// <param name="ReferenceModel">Catalog id of the model the run times were measured on.</param>
/// <param name="Jobs">Jobs sorted by arrival, ties in file order.</param>
/// <param name="Skipped">Rows read but not simulated (for example CPU-only tasks), with why.</param>
public sealed record Trace(string Source, string Format, string ReferenceModel, IReadOnlyList<TraceJob> Jobs, IReadOnlyDictionary<string, int> Skipped)
{
    /// <summary>Rows simulated, but not exactly as the trace says (for example a fractional GPU given a whole card), with why.</summary>
    public IReadOnlyDictionary<string, int> Adjusted { get; init; } = ReadOnlyDictionary<string, int>.Empty;
}
