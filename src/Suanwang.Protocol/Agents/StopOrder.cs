namespace Suanwang.Protocol.Agents;

/// <summary>The server tells an agent to stop a job (cancelled, moved elsewhere, stale fence).</summary>
/// <param name="Job">Job id.</param>
/// <param name="Fence">The fence the agent runs it under.</param>
/// <param name="Reason">Why.</param>
public sealed record StopOrder(long Job, long Fence, string Reason);
