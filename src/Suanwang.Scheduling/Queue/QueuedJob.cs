using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Queue;

/// <summary>A job the scheduler holds: waiting in a queue or running on an allocation.</summary>
public sealed class QueuedJob
{
    /// <summary>Creates a waiting job; <paramref name="sequence"/> orders jobs that arrive at the same time.</summary>
    public QueuedJob(PlacementRequest request, long sequence)
    {
        Request = request;
        Sequence = sequence;
    }

    /// <summary>What the job needs.</summary>
    public PlacementRequest Request { get; }

    /// <summary>Arrival order; keeps FIFO stable and decisions deterministic.</summary>
    public long Sequence { get; }

    /// <summary>The cards it holds while running.</summary>
    public Allocation? Allocation { get; internal set; }

    /// <summary>When it last started.</summary>
    public double StartTime { get; internal set; }

    /// <summary>When it is expected to end, from its estimate on the chosen model.</summary>
    public double ExpectedEnd { get; internal set; }

    /// <summary>
    /// Whether its last start fell wholly within a reserved block of its tenant: the block had room
    /// for all its cards on the pool and is expected to outlast it. Such a run is prepaid.
    /// </summary>
    public bool InBlock { get; internal set; }

    /// <summary>The scheduler cycle in which it last started.</summary>
    internal long StartCycle { get; set; } = -1;

    /// <summary>Whether it is running now.</summary>
    public bool IsRunning => Allocation is not null;
}
