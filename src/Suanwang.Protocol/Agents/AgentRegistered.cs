namespace Suanwang.Protocol.Agents;

/// <summary>The server's answer to a registration.</summary>
/// <param name="SiteId">The registered site id.</param>
/// <param name="Epoch">This agent's epoch; every later call carries it. A newer registration makes older epochs stale.</param>
/// <param name="HeartbeatSeconds">How often to heartbeat.</param>
/// <param name="MaxRequestBytes">Largest request body the server accepts, in bytes of encoded JSON; null from servers that do not say (1 MiB is assumed).</param>
/// <param name="MaxJobLogBytes">Bytes of a job's output the server keeps; output past it is counted, not sent. Null from servers that do not say.</param>
public sealed record AgentRegistered(string SiteId, long Epoch, double HeartbeatSeconds, long? MaxRequestBytes = null, long? MaxJobLogBytes = null);
