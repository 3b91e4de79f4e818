namespace Suanwang.Storage.Market;

/// <summary>How a metered run ended.</summary>
public static class UsageOutcomes
{
    /// <summary>Finished as succeeded.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Finished as failed.</summary>
    public const string Failed = "failed";

    /// <summary>Requeued: preempted, or its site went down.</summary>
    public const string Preempted = "preempted";

    /// <summary>Cancelled while placed or running.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Reserved for runs written off without a report; the stores do not write it themselves.</summary>
    public const string Lost = "lost";
}
