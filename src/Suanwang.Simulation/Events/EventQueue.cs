namespace Suanwang.Simulation.Events;

/// <summary>Future events in time order; equal times in insertion order, so runs are deterministic.</summary>
public sealed class EventQueue
{
    private readonly PriorityQueue<SimEvent, (double Time, long Order)> _heap = new();
    private long _order;

    /// <summary>Events pending.</summary>
    public int Count => _heap.Count;

    /// <summary>Adds an event.</summary>
    public void Push(SimEvent e) => _heap.Enqueue(e, (e.Time, _order++));

    /// <summary>The time of the next event, or +infinity.</summary>
    public double NextTime => _heap.TryPeek(out _, out var key) ? key.Time : double.PositiveInfinity;

    /// <summary>Removes and returns the next event.</summary>
    public SimEvent Pop() => _heap.Dequeue();
}
