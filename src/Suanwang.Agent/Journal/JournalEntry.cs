using System.Text.Json.Serialization;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Journal;

/// <summary>One line of the run journal.</summary>
/// <param name="Event">starting (before the backend is asked), started (with the handle), ended (with the outcome), closed (the server has the outcome, or the fence is stale).</param>
/// <param name="Job">Job id.</param>
/// <param name="Fence">Fence of the dispatch.</param>
/// <param name="At">When it happened.</param>
/// <param name="Assignment">For starting: the assignment, so a restarted agent knows the run.</param>
/// <param name="Handle">For started: the backend's handle.</param>
/// <param name="ExitCode">For ended: the exit code.</param>
/// <param name="AcceleratorSeconds">For ended: cards x seconds.</param>
/// <param name="Reason">For ended without an exit code: why.</param>
/// <param name="OutputBytes">For ended: bytes of output the run wrote.</param>
internal sealed record JournalEntry(
    string Event,
    long Job,
    long Fence,
    DateTimeOffset At,
    Assignment? Assignment = null,
    string? Handle = null,
    int? ExitCode = null,
    double? AcceleratorSeconds = null,
    string? Reason = null,
    long? OutputBytes = null)
{
    public const string Starting = "starting";
    public const string Started = "started";
    public const string Ended = "ended";
    public const string Closed = "closed";

    /// <summary>The dispatch this line is about.</summary>
    [JsonIgnore]
    public RunKey Key => new(Job, Fence);
}
