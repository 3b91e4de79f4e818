namespace Suanwang.Protocol.Jobs;

/// <summary>One event of a job's history.</summary>
/// <param name="At">When.</param>
/// <param name="Kind">What kind of event.</param>
/// <param name="Message">Details.</param>
public sealed record JobEventView(DateTimeOffset At, string Kind, string Message);
