namespace Suanwang.Core.Market;

/// <summary>What an order buys.</summary>
public static class OrderKinds
{
    /// <summary>A job: its expected cost is held until it ends, then settled from metered usage.</summary>
    public const string Job = "job";

    /// <summary>A reserved block: paid in full when ordered, settled at once.</summary>
    public const string Block = "block";
}
