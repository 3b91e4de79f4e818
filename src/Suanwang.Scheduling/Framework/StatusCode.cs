namespace Suanwang.Scheduling.Framework;

/// <summary>A plugin's answer, after the Kubernetes scheduler framework's codes.</summary>
public enum StatusCode
{
    /// <summary>The candidate passes.</summary>
    Success,

    /// <summary>Not now: it could pass once resources free up or state changes.</summary>
    Unschedulable,

    /// <summary>Never: no change of load makes this candidate acceptable (wrong model, wrong country).</summary>
    UnschedulableAndUnresolvable,

    /// <summary>The plugin failed.</summary>
    Error,

    /// <summary>The plugin does not apply to this job.</summary>
    Skip,
}
