using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Engine;

/// <summary>The engine's choice for one job: a pool and what running there is expected to take and cost.</summary>
/// <param name="Pool">Chosen pool.</param>
/// <param name="Site">Site of the pool.</param>
/// <param name="Shape">Gang shape on that pool.</param>
/// <param name="RuntimeSeconds">Expected run time on that model.</param>
/// <param name="TransferSeconds">Expected input transfer time.</param>
/// <param name="WaitSeconds">Expected wait at the site.</param>
/// <param name="Cost">Expected cost in the base currency.</param>
/// <param name="EnergyKwh">Expected energy.</param>
/// <param name="Co2Kg">Expected CO2 at the site's intensity now.</param>
/// <param name="Score">Final weighted score, 0..100 per unit weight.</param>
public readonly record struct Placement(
    int Pool,
    int Site,
    JobShape Shape,
    double RuntimeSeconds,
    double TransferSeconds,
    double WaitSeconds,
    double Cost,
    double EnergyKwh,
    double Co2Kg,
    double Score);
