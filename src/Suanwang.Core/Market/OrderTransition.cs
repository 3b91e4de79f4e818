namespace Suanwang.Core.Market;

/// <summary>One allowed move of an order between <see cref="OrderStates"/>.</summary>
/// <param name="From">The state the order is in.</param>
/// <param name="Trigger">What happened.</param>
/// <param name="To">The state it moves to.</param>
public sealed record OrderTransition(string From, OrderTrigger Trigger, string To);
