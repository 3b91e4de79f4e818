namespace Suanwang.Scheduling.Framework;

/// <summary>Weights of the objectives in the final score; they need not sum to one.</summary>
/// <param name="Time">Weight of expected completion time.</param>
/// <param name="Cost">Weight of price.</param>
/// <param name="Carbon">Weight of CO2.</param>
/// <param name="Preference">Weight of the job's model preference order.</param>
public readonly record struct ObjectiveWeights(double Time, double Cost, double Carbon, double Preference)
{
    /// <summary>Weights for a named objective: <c>time</c>, <c>cost</c>, <c>carbon</c> or <c>balanced</c>.</summary>
    public static ObjectiveWeights? ForName(string name) => name.ToLowerInvariant() switch
    {
        // The named objective dominates; the others break ties so that, say, of two equally fast
        // sites the cheaper one wins.
        "time" => new ObjectiveWeights(1.0, 0.05, 0.05, 0.1),
        "cost" => new ObjectiveWeights(0.05, 1.0, 0.05, 0.1),
        "carbon" => new ObjectiveWeights(0.05, 0.05, 1.0, 0.1),
        "balanced" => new ObjectiveWeights(1.0, 1.0, 1.0, 0.3),
        _ => null,
    };

    /// <summary>The weight of one objective.</summary>
    public double Of(Objective objective) => objective switch
    {
        Objective.Time => Time,
        Objective.Cost => Cost,
        Objective.Carbon => Carbon,
        _ => Preference,
    };
}
