namespace Suanwang.Protocol.Agents;

/// <summary>An agent announces its site (<c>POST /api/v1/agents/register</c>).</summary>
/// <param name="Site">The site in the network file's site format, as YAML text.</param>
/// <param name="Backend">local or slurm.</param>
/// <param name="Host">The agent's host name, for operators.</param>
public sealed record AgentRegistration(string Site, string Backend, string Host);
