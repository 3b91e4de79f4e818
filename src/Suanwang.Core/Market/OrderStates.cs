namespace Suanwang.Core.Market;

/// <summary>Where an order is in its life.</summary>
public static class OrderStates
{
    /// <summary>Placed; its reserve is held.</summary>
    public const string Open = "open";

    /// <summary>Charged and closed; happens once.</summary>
    public const string Settled = "settled";
}
