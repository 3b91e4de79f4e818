namespace Suanwang.ControlPlane.Tokens;

/// <summary>The answer to a hold on a wallet.</summary>
/// <param name="Held">Whether the money is held.</param>
/// <param name="AvailableNanos">Money available after the hold when held, before it when refused, in nanos.</param>
public readonly record struct HoldResult(bool Held, long AvailableNanos);
