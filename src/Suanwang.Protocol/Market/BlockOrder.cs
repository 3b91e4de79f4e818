namespace Suanwang.Protocol.Market;

/// <summary>A reserved block to buy: one of the blocks an offer lists.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Pool">Pool index within the site.</param>
/// <param name="Index">Which of the pool's blocks, counting from 0.</param>
/// <param name="Start">When the block begins, now or up to 90 days ahead; now when left out.</param>
/// <param name="Tenant">The tenant the block is for; the key's tenant when left out (an admin key may name any tenant).</param>
public sealed record BlockOrder(string Site, int Pool, int Index, DateTimeOffset? Start = null, string? Tenant = null);
