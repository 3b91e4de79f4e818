namespace Suanwang.Storage.Market;

/// <summary>What <see cref="ILedgerStore.PostAsync"/> did.</summary>
/// <param name="PostingId">The new posting's id; on a replay the first posting's id; 0 when <paramref name="Insufficient"/>.</param>
/// <param name="Replayed">The idempotency key was used before by the same tenant: nothing was written.</param>
/// <param name="Insufficient">A floor-zero account (a wallet or a hold) would have gone below zero: nothing was written.</param>
public sealed record PostResult(long PostingId, bool Replayed, bool Insufficient);
