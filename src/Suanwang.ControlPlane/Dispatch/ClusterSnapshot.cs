namespace Suanwang.ControlPlane.Dispatch;

/// <summary>Free cards per site and queue figures as of the last scheduler pass in this process. Thread-safe.</summary>
public sealed class ClusterSnapshot
{
    private volatile Figures? _figures;

    /// <summary>Jobs waiting in the queue; null when this process does not run the scheduler.</summary>
    public int? Waiting => _figures?.Waiting;

    /// <summary>Jobs holding cards; null when this process does not run the scheduler.</summary>
    public int? Running => _figures?.Running;

    /// <summary>Free cards of a site; null when this process does not run the scheduler.</summary>
    public int? FreeCards(string site) => _figures is { } figures && figures.Free.TryGetValue(site, out var cards) ? cards : null;

    /// <summary>Publishes the figures after a pass.</summary>
    public void Publish(IReadOnlyDictionary<string, int> free, int waiting, int running) => _figures = new Figures(free, waiting, running);

    /// <summary>Forgets the figures when this process stops scheduling.</summary>
    public void Clear() => _figures = null;

    private sealed record Figures(IReadOnlyDictionary<string, int> Free, int Waiting, int Running);
}
