using Suanwang.Core.Market;

namespace Suanwang.Storage.Market;

/// <summary>An order to store with <see cref="IOrderStore.PlaceOrderAsync"/>.</summary>
/// <param name="Id">"ord_" and 26 random base32 characters (<see cref="MarketIds.Order"/>).</param>
/// <param name="Tenant">The ordering tenant.</param>
/// <param name="IdempotencyKey">The client's key: one order per (tenant, key), whatever is sent again.</param>
/// <param name="RequestHash">A digest of the request, to tell a true retry from a different request reusing a key.</param>
/// <param name="Kind"><see cref="OrderKinds.Job"/> or <see cref="OrderKinds.Block"/>.</param>
/// <param name="QuoteId">The quote it was placed from, if any.</param>
/// <param name="Currency">The currency of <paramref name="Reserved"/> (the base currency).</param>
/// <param name="Reserved">
/// Minor units taken from the wallet: for a job, moved to the hold until settlement (0 reserves nothing);
/// for a block, the full price, which <paramref name="Charge"/> must debit from the wallet.
/// </param>
/// <param name="Charge">For a block only: the posting made instead of a reserve (<see cref="Postings.Block"/>).</param>
/// <param name="Block">For a block only: the cards it holds and when, stored with the order.</param>
public sealed record NewOrder(
    string Id,
    string Tenant,
    string IdempotencyKey,
    string RequestHash,
    string Kind,
    string? QuoteId,
    string Currency,
    long Reserved,
    Posting? Charge = null,
    NewBlock? Block = null);
