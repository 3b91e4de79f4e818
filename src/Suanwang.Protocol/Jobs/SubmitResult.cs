namespace Suanwang.Protocol.Jobs;

/// <summary>The answer to <c>POST /api/v1/jobs</c>: the new job's id and state (queued).</summary>
/// <param name="Id">Job id; the <c>Location</c> header holds its URL.</param>
/// <param name="State">queued.</param>
public sealed record SubmitResult(long Id, string State);
