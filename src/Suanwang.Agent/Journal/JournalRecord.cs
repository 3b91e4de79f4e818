using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Journal;

/// <summary>What the journal knows about one dispatch, folded from its lines.</summary>
internal sealed class JournalRecord
{
    public JournalRecord(Assignment assignment, DateTimeOffset startingAt)
    {
        Assignment = assignment;
        StartedAt = startingAt;
    }

    /// <summary>The assignment as received.</summary>
    public Assignment Assignment { get; }

    /// <summary>When the start was journaled; replaced by the backend's start time once started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The backend's handle, once started.</summary>
    public string? Handle { get; set; }

    /// <summary>The outcome, once ended.</summary>
    public JournalEntry? Ended { get; set; }

    /// <summary>The server has the outcome (or no longer wants it).</summary>
    public bool Closed { get; set; }
}
