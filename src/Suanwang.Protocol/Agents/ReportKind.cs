namespace Suanwang.Protocol.Agents;

/// <summary>What an agent reports about a run.</summary>
public enum ReportKind
{
    /// <summary>The command started.</summary>
    Started,

    /// <summary>A chunk of output.</summary>
    Log,

    /// <summary>The command exited (with an exit code) or was killed (time limit, stop order).</summary>
    Exited,

    /// <summary>The dispatch never started (the agent stopped before handing it to its backend); the job may be placed again.</summary>
    NotStarted,
}
