namespace Suanwang.Simulation.Events;

/// <summary>What happens at a simulated instant.</summary>
public enum EventKind
{
    /// <summary>A running job ends.</summary>
    Completion,

    /// <summary>A site fails.</summary>
    SiteFailure,

    /// <summary>A failed site comes back.</summary>
    SiteRecovery,

    /// <summary>Nothing ends, but something may start: an orbital site comes into contact.</summary>
    Wake,
}
