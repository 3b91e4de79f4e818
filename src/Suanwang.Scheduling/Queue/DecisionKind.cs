namespace Suanwang.Scheduling.Queue;

/// <summary>What the scheduler did with a job in a cycle.</summary>
public enum DecisionKind
{
    /// <summary>Placed and started.</summary>
    Started,

    /// <summary>A running spot job was preempted to make room and went back to the queue.</summary>
    Preempted,

    /// <summary>A running job lost its site and went back to the queue.</summary>
    Evicted,

    /// <summary>No site can ever run the job; it left the queue.</summary>
    Rejected,

    /// <summary>The job waits because starting it would take its tenant over its cap on cards held at once; it stays queued.</summary>
    Held,
}
