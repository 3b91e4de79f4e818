namespace Suanwang.Storage.Market;

/// <summary>What a block order holds: cards of one pool for a period, checked against the pool's size when stored.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Pool">Pool index within the site.</param>
/// <param name="Cards">Cards held, at least 1.</param>
/// <param name="StartsAt">When the block begins.</param>
/// <param name="EndsAt">When it ends (exclusive), after <paramref name="StartsAt"/>.</param>
/// <param name="PoolCards">Cards in the pool: the blocks overlapping the period on it may hold at most this many together.</param>
public sealed record NewBlock(string Site, int Pool, int Cards, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int PoolCards);
