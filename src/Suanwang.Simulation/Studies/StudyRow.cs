namespace Suanwang.Simulation.Studies;

/// <summary>One configuration's results in a federation study.</summary>
/// <param name="Configuration">What ran, e.g. "each site alone, fifo".</param>
/// <param name="Completed">Jobs completed.</param>
/// <param name="Rejected">Jobs no site could run.</param>
/// <param name="JctMeanS">Mean JCT.</param>
/// <param name="JctMedianS">Median JCT.</param>
/// <param name="JctP99S">99th percentile JCT.</param>
/// <param name="WaitMeanS">Mean queue wait.</param>
/// <param name="MakespanS">First arrival to last completion.</param>
/// <param name="Utilization">Busy card-seconds over all cards x makespan.</param>
/// <param name="Cost">Total charged, base currency.</param>
/// <param name="Co2Kg">CO2, kg.</param>
/// <param name="JainFairness">Jain's index across tenants.</param>
/// <param name="LowerBoundJctMeanS">Mean of run times alone, for this configuration's sites.</param>
public sealed record StudyRow(
    string Configuration,
    int Completed,
    int Rejected,
    double JctMeanS,
    double JctMedianS,
    double JctP99S,
    double WaitMeanS,
    double MakespanS,
    double Utilization,
    decimal Cost,
    double Co2Kg,
    double JainFairness,
    double LowerBoundJctMeanS);
