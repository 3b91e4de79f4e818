namespace Suanwang.Protocol.Agents;

/// <summary>New work and stop orders for an agent.</summary>
/// <param name="Assignments">Jobs to start; an assignment repeats until the agent reports it started.</param>
/// <param name="Stop">Jobs to kill now.</param>
public sealed record HeartbeatReply(IReadOnlyList<Assignment> Assignments, IReadOnlyList<StopOrder> Stop);
