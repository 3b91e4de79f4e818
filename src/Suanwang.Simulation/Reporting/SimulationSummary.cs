namespace Suanwang.Simulation.Reporting;

/// <summary>The numbers of one simulation run; serialised with snake_case names (see docs/formats/summary.md).</summary>
public sealed record SimulationSummary
{
    /// <summary>Network name.</summary>
    public required string Network { get; init; }

    /// <summary>Trace file.</summary>
    public required string Trace { get; init; }

    /// <summary>Queue policy.</summary>
    public required string Policy { get; init; }

    /// <summary>Placement objective.</summary>
    public required string Objective { get; init; }

    /// <summary>Node packer.</summary>
    public required string Packer { get; init; }

    /// <summary>Random seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Job counts.</summary>
    public required JobCounts Jobs { get; init; }

    /// <summary>Job completion time (arrival to end) of completed jobs.</summary>
    public required Distribution Jct { get; init; }

    /// <summary>Queue wait (arrival to last start) of completed jobs.</summary>
    public required Distribution Wait { get; init; }

    /// <summary>First arrival to last completion, seconds.</summary>
    public required double MakespanS { get; init; }

    /// <summary>Busy card-seconds over all cards x makespan.</summary>
    public required double Utilization { get; init; }

    /// <summary>Total charged at the prices in force, base currency.</summary>
    public required decimal Cost { get; init; }

    /// <summary>Base currency of <see cref="Cost"/>.</summary>
    public required string Currency { get; init; }

    /// <summary>Energy at board power, kWh.</summary>
    public required double EnergyKwh { get; init; }

    /// <summary>CO2 at each site's intensity over time, kg.</summary>
    public required double Co2Kg { get; init; }

    /// <summary>Jain's index over tenants of mean (run time alone / JCT); 1 is perfectly fair.</summary>
    public required double JainFairness { get; init; }

    /// <summary>Bounds no scheduler can beat.</summary>
    public required LowerBound LowerBound { get; init; }

    /// <summary>Per-site figures.</summary>
    public required IReadOnlyList<SiteSummary> Sites { get; init; }

    /// <summary>Simulator events processed.</summary>
    public required long Events { get; init; }

    /// <summary>Wall-clock seconds the run took (not deterministic; excluded from comparisons).</summary>
    public required double WallSeconds { get; init; }
}
