namespace Suanwang.Scheduling.State;

/// <summary>A reserved block in force: cards of one pool held for one tenant until <see cref="EndsAt"/>.</summary>
/// <param name="Pool">Global pool index.</param>
/// <param name="Tenant">Dense tenant index (<see cref="Requests.PlacementRequest.Tenant"/>).</param>
/// <param name="Cards">Cards the block holds.</param>
/// <param name="EndsAt">When the block ends, seconds on the scheduler's clock.</param>
public readonly record struct HeldBlock(int Pool, int Tenant, int Cards, double EndsAt);
