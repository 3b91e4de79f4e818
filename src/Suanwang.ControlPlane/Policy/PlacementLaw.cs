using Suanwang.Storage.Policy;

namespace Suanwang.ControlPlane.Policy;

/// <summary>What the data law says of one placement when the scheduler commits it.</summary>
/// <param name="Exports">The datasets it exports, each with its counted decision; empty when nothing leaves its country.</param>
/// <param name="CounterBefore">The exporter's counter the decisions were made on; null when nothing is counted.</param>
/// <param name="Denial">Why the placement may not happen (rule, article and what would allow it); null when it may.</param>
public sealed record PlacementLaw(IReadOnlyList<PlacementExport> Exports, ExportCounter? CounterBefore, string? Denial)
{
    /// <summary>Nothing leaves its country: place it, count nothing.</summary>
    public static PlacementLaw Nothing { get; } = new([], null, null);

    /// <summary>True when the placement may happen.</summary>
    public bool Allowed => Denial is null;
}
