namespace Suanwang.Server.Scheduling;

/// <summary>Free cards per site as of the last scheduler pass in this process, for the sites API. Thread-safe.</summary>
internal sealed class ClusterSnapshot
{
    private volatile IReadOnlyDictionary<string, int>? _free;

    /// <summary>Free cards of a site; null when this process does not run the scheduler.</summary>
    public int? FreeCards(string site) => _free is { } free && free.TryGetValue(site, out var cards) ? cards : null;

    /// <summary>Publishes the free cards after a pass.</summary>
    public void Publish(IReadOnlyDictionary<string, int> free) => _free = free;

    /// <summary>Forgets the figures when this process stops scheduling.</summary>
    public void Clear() => _free = null;
}
