namespace Suanwang.Protocol.Agents;

/// <summary>The server's answer to one report.</summary>
/// <param name="Job">Job id.</param>
/// <param name="Accepted">False when the fence is stale: the job was moved or cancelled.</param>
/// <param name="Stop">True when the agent must kill the run.</param>
public sealed record ReportResult(long Job, bool Accepted, bool Stop);
