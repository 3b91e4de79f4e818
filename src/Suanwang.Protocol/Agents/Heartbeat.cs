namespace Suanwang.Protocol.Agents;

/// <summary>An agent's periodic call (<c>POST /api/v1/agents/{site}/heartbeat</c>): what it runs now.</summary>
/// <param name="Epoch">The agent's epoch from registration.</param>
/// <param name="Running">Jobs it is running (or has started and not yet reported ended).</param>
public sealed record Heartbeat(long Epoch, IReadOnlyList<RunningJob> Running);
