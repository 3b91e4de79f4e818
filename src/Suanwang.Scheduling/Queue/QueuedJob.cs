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
        WaitingSince = request.SubmitTime;
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

    /// <summary>Share of its work done, 0..1; kept across restarts of a preemptible job, never decreases.</summary>
    public double Progress { get; internal set; }

    /// <summary>Card-seconds it has held over all its runs so far (attained service); never decreases.</summary>
    public double AttainedCardSeconds { get; internal set; }

    /// <summary>Times it resumed from a checkpoint after a preemption or eviction.</summary>
    public int Restarts { get; internal set; }

    /// <summary>When it last stopped without finishing, or its submission time if it never ran.</summary>
    public double WaitingSince { get; internal set; }

    /// <summary>Seconds its whole work takes on the current run's pool.</summary>
    public double RunSeconds { get; internal set; }

    /// <summary>Seconds of the current run spent before work resumes: queueing on the pool, data transfer, restart from a checkpoint.</summary>
    public double StartOverheadSeconds { get; internal set; }

    /// <summary>Whether it was last passed over because its tenant is at its cap on cards held at once.</summary>
    public bool Capped { get; internal set; }

    /// <summary>Where a preemptive policy filed it while it waits (a queue level, or remaining card-seconds); lower goes first.</summary>
    internal double QueueKey { get; set; }

    /// <summary>Attained service forgiven by a starvation promotion; the policy ranks by attained service less this.</summary>
    internal double ForgivenCardSeconds { get; set; }

    /// <summary>The scheduler cycle in which it last started.</summary>
    internal long StartCycle { get; set; } = -1;

    /// <summary>Whether it is running now.</summary>
    public bool IsRunning => Allocation is not null;

    /// <summary>Attained service at <paramref name="now"/>, counting the current run.</summary>
    public double AttainedAt(double now) =>
        AttainedCardSeconds + (Allocation is { } a ? a.Cards * Math.Max(0, now - StartTime) : 0);

    /// <summary>Estimated seconds of work left on the reference model.</summary>
    public double RemainingSeconds(double now)
    {
        if (Allocation is not null && RunSeconds > 0)
        {
            var done = Math.Max(0, now - StartTime - StartOverheadSeconds) / RunSeconds;
            return Request.RuntimeSeconds * Math.Max(0, 1 - Progress - done);
        }

        return Request.RuntimeSeconds * (1 - Progress);
    }
}
