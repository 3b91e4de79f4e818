namespace Suanwang.Simulation.Studies;

/// <summary>The saturated federation study: how the base load was chosen and every run.</summary>
/// <param name="Network">Network name.</param>
/// <param name="Trace">Trace file.</param>
/// <param name="Jobs">Jobs in the trace.</param>
/// <param name="Sites">Sites in the network.</param>
/// <param name="Cards">Cards in the network.</param>
/// <param name="Seed">Seed of every run.</param>
/// <param name="TargetLoad">Offered load of the federation the base load is chosen for.</param>
/// <param name="BusyCardSeconds">Card-seconds of work when every site runs its own tenant's jobs (the calibration run).</param>
/// <param name="SpanSeconds">First to last arrival in the trace as recorded.</param>
/// <param name="BaseScale">Arrival times are divided by this at load 1.</param>
/// <param name="Rows">One row per load and configuration.</param>
public sealed record SaturatedFederationResult(
    string Network,
    string Trace,
    int Jobs,
    int Sites,
    int Cards,
    int Seed,
    double TargetLoad,
    double BusyCardSeconds,
    double SpanSeconds,
    double BaseScale,
    IReadOnlyList<SaturatedRow> Rows);
