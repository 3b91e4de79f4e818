namespace Suanwang.Protocol.Sites;

/// <summary>A pool of a site.</summary>
/// <param name="Model">Accelerator model id.</param>
/// <param name="Nodes">Nodes.</param>
/// <param name="CardsPerNode">Cards per node.</param>
/// <param name="PricePerCardHour">On-demand price, decimal as a string.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="CapacityP">Capacity in P (PFLOPS dense FP16).</param>
public sealed record PoolView(string Model, int Nodes, int CardsPerNode, string PricePerCardHour, string Currency, double CapacityP);
