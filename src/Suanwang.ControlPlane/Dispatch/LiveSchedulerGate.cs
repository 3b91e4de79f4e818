namespace Suanwang.ControlPlane.Dispatch;

/// <summary>
/// The live scheduler this process runs, if any, and the lock every use of it holds: the scheduler
/// pass while it changes the state, and readers such as quotes between changes. Thread-safe.
/// </summary>
public sealed class LiveSchedulerGate
{
    /// <summary>Held while the live scheduler is changed or read.</summary>
    public Lock Lock { get; } = new();

    /// <summary>The scheduler this process now runs; null when it does not schedule. Read under <see cref="Lock"/>.</summary>
    public LiveScheduler? Current { get; private set; }

    /// <summary>Publishes the scheduler this process now runs, or null when it stops scheduling.</summary>
    public void Attach(LiveScheduler? live)
    {
        lock (Lock)
        {
            Current = live;
        }
    }
}
