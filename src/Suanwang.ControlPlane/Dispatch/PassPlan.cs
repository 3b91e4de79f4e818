using Suanwang.Storage.Jobs;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>What one scheduler pass decided, for the loop to write to the store: placements first, then the rest.</summary>
public sealed class PassPlan
{
    /// <summary>Jobs to record as placed, each with the fence it must still have.</summary>
    public List<(Placement Placement, long ExpectedFence)> Starts { get; } = [];

    /// <summary>Devices chosen for held jobs that had none recorded, to record under the fence they hold.</summary>
    public List<(long JobId, long Fence, IReadOnlyList<int> Devices)> Devices { get; } = [];

    /// <summary>Jobs to requeue: spot work preempted, or a recorded allocation that no longer fits.</summary>
    public List<(long JobId, long Fence, double AcceleratorSeconds, string Reason)> Requeues { get; } = [];

    /// <summary>Preempted jobs whose stop was not confirmed within their grace period, to queue again.</summary>
    public List<(long JobId, long Fence, string Message)> Resumes { get; } = [];

    /// <summary>Events to add to job histories.</summary>
    public List<(long JobId, string Kind, string Message)> Events { get; } = [];

    /// <summary>Empties the plan for the next pass.</summary>
    public void Clear()
    {
        Starts.Clear();
        Devices.Clear();
        Requeues.Clear();
        Resumes.Clear();
        Events.Clear();
    }
}
