namespace Suanwang.Core.Money;

/// <summary>An amount of money in one currency; decimal, never floating point.</summary>
/// <param name="Amount">The amount.</param>
/// <param name="Currency">ISO 4217 code.</param>
public readonly record struct Money(decimal Amount, string Currency)
{
    /// <inheritdoc />
    public override string ToString() => $"{Amount:0.00} {Currency}";
}
