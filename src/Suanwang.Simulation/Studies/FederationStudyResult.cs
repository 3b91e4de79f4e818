namespace Suanwang.Simulation.Studies;

/// <summary>The federation study's rows and the bounds of the federated network.</summary>
/// <param name="Network">Network name.</param>
/// <param name="Trace">Trace file.</param>
/// <param name="Jobs">Jobs in the trace.</param>
/// <param name="Sites">Sites in the network.</param>
/// <param name="Cards">Cards in the network.</param>
/// <param name="Currency">Base currency.</param>
/// <param name="Seed">Seed of every run.</param>
/// <param name="Rows">One row per configuration.</param>
/// <param name="LowerBoundMakespanS">Total work over total capacity, or the last arrival plus its run time alone.</param>
public sealed record FederationStudyResult(
    string Network,
    string Trace,
    int Jobs,
    int Sites,
    int Cards,
    string Currency,
    int Seed,
    IReadOnlyList<StudyRow> Rows,
    double LowerBoundMakespanS);
