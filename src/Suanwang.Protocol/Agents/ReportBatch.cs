namespace Suanwang.Protocol.Agents;

/// <summary>Reports sent together (<c>POST /api/v1/agents/{site}/reports</c>).</summary>
/// <param name="Epoch">The agent's epoch.</param>
/// <param name="Reports">The reports, in the order they happened.</param>
public sealed record ReportBatch(long Epoch, IReadOnlyList<RunReport> Reports);
