namespace Suanwang.Protocol.Agents;

/// <summary>One fact about a run.</summary>
/// <param name="Job">Job id.</param>
/// <param name="Fence">The run's fence.</param>
/// <param name="Kind">started, log or exited.</param>
/// <param name="At">When it happened at the site.</param>
/// <param name="ExitCode">For exited: the exit code; null when killed.</param>
/// <param name="AcceleratorSeconds">For exited: cards x seconds the run held.</param>
/// <param name="Offset">For log: byte offset of the chunk in the job's output.</param>
/// <param name="Text">For log: the chunk.</param>
/// <param name="Reason">For exited without a code: why it was killed.</param>
/// <param name="OutputBytes">For exited: bytes the job wrote in all, so the server can say how many it did not keep.</param>
public sealed record RunReport(long Job, long Fence, ReportKind Kind, DateTimeOffset At, int? ExitCode = null, double? AcceleratorSeconds = null, long? Offset = null, string? Text = null, string? Reason = null, long? OutputBytes = null);
