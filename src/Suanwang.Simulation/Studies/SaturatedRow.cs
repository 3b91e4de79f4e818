namespace Suanwang.Simulation.Studies;

/// <summary>One configuration at one load of the saturated federation study.</summary>
/// <param name="Load">Load relative to the base load (0.5 to 2).</param>
/// <param name="ArrivalScale">Arrival times were divided by this.</param>
/// <param name="OfferedLoad">Work over the federation's card-seconds between first and last arrival, after scaling.</param>
/// <param name="Row">The configuration's results.</param>
public sealed record SaturatedRow(double Load, double ArrivalScale, double OfferedLoad, StudyRow Row);
