using Suanwang.Core.Market;

namespace Suanwang.Storage.Market;

/// <summary>An order as stored.</summary>
/// <param name="Id">"ord_" and 26 base32 characters.</param>
/// <param name="Tenant">The ordering tenant.</param>
/// <param name="IdempotencyKey">The client's key, unique per tenant.</param>
/// <param name="RequestHash">Digest of the request that created it.</param>
/// <param name="Kind"><see cref="OrderKinds.Job"/> or <see cref="OrderKinds.Block"/>.</param>
/// <param name="QuoteId">The quote it was placed from, if any.</param>
/// <param name="JobId">The job it submitted; null for a block.</param>
/// <param name="Currency">Currency of the amounts.</param>
/// <param name="Reserved">Minor units taken from the wallet when it was placed.</param>
/// <param name="Charged">Minor units finally charged; null while open.</param>
/// <param name="State"><see cref="OrderStates.Open"/> or <see cref="OrderStates.Settled"/>.</param>
/// <param name="CreatedAt">When it was placed.</param>
/// <param name="SettledAt">When it was settled; null while open.</param>
public sealed record OrderRecord(
    string Id,
    string Tenant,
    string IdempotencyKey,
    string RequestHash,
    string Kind,
    string? QuoteId,
    long? JobId,
    string Currency,
    long Reserved,
    long? Charged,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SettledAt);
