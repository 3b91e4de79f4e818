namespace Suanwang.ControlPlane.Dispatch;

/// <summary>How agents keep in touch with the server, and when the server gives up on one.</summary>
public sealed class AgentLinkOptions
{
    /// <summary>An agent silent this long is declared down and its jobs are placed elsewhere.</summary>
    public TimeSpan AgentTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often agents heartbeat (and so pick up new work); capped at a sixth of <see cref="AgentTimeout"/>.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Bytes of one job's output the server keeps (100 MiB); past them the log ends with a note of how many were dropped.</summary>
    public long MaxJobLogBytes { get; set; } = 100L * 1024 * 1024;
}
