namespace Suanwang.Storage.Market;

/// <summary>What <see cref="IOrderStore.PlaceOrderAsync"/> did.</summary>
/// <param name="Order">The new order; on a replay the stored one as it is now; null when <paramref name="Insufficient"/>.</param>
/// <param name="Replayed">The tenant used the idempotency key before: nothing was written.</param>
/// <param name="SameRequest">On a replay, whether the request hash matches the stored one (false means the key was reused for another request); true otherwise.</param>
/// <param name="Insufficient">The wallet holds less than the order needs: nothing was written.</param>
/// <param name="Oversold">A block: the blocks overlapping its period on the pool would hold more cards than the pool has; nothing was written.</param>
public sealed record OrderResult(OrderRecord? Order, bool Replayed, bool SameRequest, bool Insufficient, bool Oversold = false);
