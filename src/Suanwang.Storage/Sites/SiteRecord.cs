namespace Suanwang.Storage.Sites;

/// <summary>A registered site and its agent's liveness.</summary>
/// <param name="Id">Site id (unique in the network).</param>
/// <param name="Spec">The site as YAML, in the network file's site format.</param>
/// <param name="Backend">local or slurm.</param>
/// <param name="Up">False once the agent has been silent past the timeout; placements avoid it.</param>
/// <param name="Draining">An admin asked that no new work be placed there.</param>
/// <param name="LastHeartbeat">The agent's last heartbeat.</param>
/// <param name="AgentEpoch">Increases each time an agent registers, so a replaced agent's calls can be told apart.</param>
public sealed record SiteRecord(string Id, string Spec, string Backend, bool Up, bool Draining, DateTimeOffset LastHeartbeat, long AgentEpoch);
