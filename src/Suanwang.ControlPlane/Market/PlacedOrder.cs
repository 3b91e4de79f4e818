using Suanwang.Storage.Market;

namespace Suanwang.ControlPlane.Market;

/// <summary>An order the desk placed, or found again for a retried request.</summary>
/// <param name="Order">The order.</param>
/// <param name="Replayed">True when it was placed by an earlier request with the same key.</param>
public sealed record PlacedOrder(OrderRecord Order, bool Replayed);
