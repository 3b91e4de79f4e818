using Suanwang.Protocol.Market;

namespace Suanwang.ControlPlane.Market;

/// <summary>A top-up or refund recorded, or found again by its Idempotency-Key.</summary>
/// <param name="Result">What was recorded and the balance after it.</param>
/// <param name="Replayed">Whether an earlier request with the same key had recorded it.</param>
public sealed record WalletPosted(TopUpResult Result, bool Replayed);
