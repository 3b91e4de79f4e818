namespace Suanwang.ControlPlane.Dispatch;

/// <summary>Whether this process holds the scheduler lease, and since when.</summary>
public sealed class LeaderStatus
{
    private volatile StrongBox? _since;

    /// <summary>True while this process runs the scheduler loop.</summary>
    public bool IsLeader => _since is not null;

    /// <summary>When this process became the scheduler; null when it is not.</summary>
    public DateTimeOffset? Since => _since?.At;

    /// <summary>Records that the lease was won at <paramref name="at"/>.</summary>
    public void Won(DateTimeOffset at) => _since = new StrongBox(at);

    /// <summary>Records that the lease was given up or lost.</summary>
    public void Lost() => _since = null;

    private sealed record StrongBox(DateTimeOffset At);
}
