namespace Suanwang.Protocol.Agents;

/// <summary>Answers to a report batch, one per report.</summary>
/// <param name="Results">In the order of the reports.</param>
public sealed record ReportReply(IReadOnlyList<ReportResult> Results);
