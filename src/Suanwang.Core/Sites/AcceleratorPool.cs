using Suanwang.Core.Accelerators;

namespace Suanwang.Core.Sites;

/// <summary>Identical nodes of one accelerator model at a site, with their prices.</summary>
/// <param name="Model">The accelerator model.</param>
/// <param name="CardsPerNode">Cards in each node.</param>
/// <param name="Nodes">Number of nodes.</param>
/// <param name="PricePerCardHour">On-demand price of one card for one hour, in <paramref name="Currency"/>.</param>
/// <param name="SpotPricePerCardHour">Spot price per card-hour; spot work may be preempted.</param>
/// <param name="Currency">ISO 4217 currency of the prices.</param>
public sealed record AcceleratorPool(
    AcceleratorModel Model,
    int CardsPerNode,
    int Nodes,
    decimal PricePerCardHour,
    decimal SpotPricePerCardHour,
    string Currency)
{
    /// <summary>Reserved blocks the pool offers (a fixed number of cards for a fixed term), in file order; empty when none.</summary>
    public IReadOnlyList<ReservedBlock> Blocks { get; init; } = [];

    /// <summary>All cards in the pool.</summary>
    public int Cards => CardsPerNode * Nodes;

    /// <summary>Capacity in P (PFLOPS dense FP16).</summary>
    public double CapacityP => StandardUnit.CapacityP(Cards, Model);

    /// <summary>The on-demand price per P·h.</summary>
    public decimal PricePerPetaflopHour => StandardUnit.PricePerPetaflopHour(PricePerCardHour, Model);
}
