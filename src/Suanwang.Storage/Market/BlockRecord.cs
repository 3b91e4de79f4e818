namespace Suanwang.Storage.Market;

/// <summary>A reserved block as stored with its order.</summary>
/// <param name="OrderId">The block order.</param>
/// <param name="Tenant">The tenant the cards are held for.</param>
/// <param name="Site">Site id.</param>
/// <param name="Pool">Pool index within the site.</param>
/// <param name="Cards">Cards held.</param>
/// <param name="StartsAt">When the block begins.</param>
/// <param name="EndsAt">When it ends (exclusive).</param>
public sealed record BlockRecord(string OrderId, string Tenant, string Site, int Pool, int Cards, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
