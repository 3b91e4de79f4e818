namespace Suanwang.Protocol.Agents;

/// <summary>The server's answer to a registration.</summary>
/// <param name="SiteId">The registered site id.</param>
/// <param name="Epoch">This agent's epoch; every later call carries it. A newer registration makes older epochs stale.</param>
/// <param name="HeartbeatSeconds">How often to heartbeat.</param>
public sealed record AgentRegistered(string SiteId, long Epoch, double HeartbeatSeconds);
