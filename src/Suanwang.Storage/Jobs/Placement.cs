using Suanwang.Storage.Policy;

namespace Suanwang.Storage.Jobs;

/// <summary>Where the scheduler put a job: recorded durably before the agent may see it.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Site">Site id.</param>
/// <param name="Pool">Pool index within the site.</param>
/// <param name="Nodes">Pool-relative node indices.</param>
/// <param name="CardsPerNode">Cards on each node.</param>
/// <param name="Devices">Device indices, flat in allocation order: node i's are entries [i × CardsPerNode, (i + 1) × CardsPerNode).</param>
/// <param name="Price">Price of one card for one hour on the pool, in <paramref name="Currency"/>: the spot price when <paramref name="Spot"/>. Usage is metered at it.</param>
/// <param name="Currency">ISO 4217 currency of <paramref name="Price"/>.</param>
/// <param name="Spot">Whether the job runs as spot work.</param>
public sealed record Placement(long JobId, string Site, int Pool, IReadOnlyList<int> Nodes, int CardsPerNode, IReadOnlyList<int> Devices, decimal Price, string Currency, bool Spot)
{
    /// <summary>
    /// Datasets the placement takes out of their country, recorded and counted with it (a pair of
    /// job and country already counted is skipped); empty for most jobs.
    /// </summary>
    public IReadOnlyList<PlacementExport> Exports { get; init; } = [];

    /// <summary>
    /// The exporter's counter the export decisions were made on: the placement is recorded only
    /// while the counter still holds it; null when nothing is counted.
    /// </summary>
    public ExportCounter? CounterBefore { get; init; }

    /// <summary>Refuses a placement whose nodes or devices do not fit its cards per node.</summary>
    /// <exception cref="ArgumentException">No nodes, or not CardsPerNode devices on each node.</exception>
    public void Check()
    {
        ArgumentNullException.ThrowIfNull(Nodes);
        ArgumentNullException.ThrowIfNull(Devices);
        if (Nodes.Count == 0 || CardsPerNode < 1 || Devices.Count != Nodes.Count * CardsPerNode)
        {
            throw new ArgumentException(
                $"a placement holds at least one node and {CardsPerNode} devices per node; got {Nodes.Count} nodes and {Devices.Count} devices",
                nameof(Devices));
        }
    }
}
