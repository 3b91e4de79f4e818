using Suanwang.Protocol.Market;

namespace Suanwang.Cli.Client;

/// <summary>An order the server accepted.</summary>
/// <param name="Order">The order.</param>
/// <param name="Replayed">True when the key had been used for this same order before: nothing new was ordered.</param>
internal sealed record Ordered(OrderView Order, bool Replayed);
