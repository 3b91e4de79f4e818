namespace Suanwang.Core.Market;

/// <summary>What moves an order from one state to the next (see <see cref="OrderLifecycle"/>).</summary>
public enum OrderTrigger
{
    /// <summary>Its job ended and its metered usage was charged, releasing the rest of the reserve.</summary>
    Settle,
}
