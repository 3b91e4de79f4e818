namespace Suanwang.Scheduling.Framework;

/// <summary>What a score plugin serves; a profile weights each.</summary>
public enum Objective
{
    /// <summary>Finish soon: queue wait, transfer and run time.</summary>
    Time,

    /// <summary>Pay little.</summary>
    Cost,

    /// <summary>Emit little CO2.</summary>
    Carbon,

    /// <summary>Follow the job's own order of preferred models.</summary>
    Preference,
}
