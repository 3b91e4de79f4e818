using Suanwang.Agent.Backends;
using Suanwang.Agent.Journal;
using Suanwang.Agent.Logs;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent;

/// <summary>A dispatch the agent follows until the server has its outcome.</summary>
internal sealed class TrackedRun
{
    public TrackedRun(Assignment assignment, IBackendRun? run, DateTimeOffset startedAt, string? outputPath = null)
    {
        Assignment = assignment;
        Run = run;
        StartedAt = startedAt;
        Tail = run is not null ? new LogTail(run.OutputPath) : outputPath is not null ? new LogTail(outputPath) : null;
    }

    public Assignment Assignment { get; }

    public RunKey Key => new(Assignment.Job, Assignment.Fence);

    /// <summary>The backend's run; null when it never started or ended before this agent process.</summary>
    public IBackendRun? Run { get; }

    public LogTail? Tail { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>An end an earlier agent process journaled but the server never got: sent after the run's output.</summary>
    public JournalEntry? PendingExit { get; set; }

    /// <summary>Its exited report is queued (or it never needs one).</summary>
    public bool Ended { get; set; }

    /// <summary>The server rejected its fence: kill it, report nothing more.</summary>
    public bool Stale { get; set; }

    /// <summary>Cards the run holds: nodes x cards per node.</summary>
    public int Cards => Math.Max(1, Assignment.Nodes) * Math.Max(0, Assignment.CardsPerNode);
}
