namespace Suanwang.Storage.Market;

/// <summary>A quote as stored, so an order can name it.</summary>
/// <param name="Id">"quo_" and 26 random base32 characters (<see cref="MarketIds.Quote"/>).</param>
/// <param name="Tenant">The tenant it was made for.</param>
/// <param name="Spec">The job spec quoted.</param>
/// <param name="Options">The options offered, as JSON; the store does not read it.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="ExpiresAt">When it stops being valid.</param>
public sealed record QuoteRecord(string Id, string Tenant, string Spec, string Options, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
