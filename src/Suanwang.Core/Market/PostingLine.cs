namespace Suanwang.Core.Market;

/// <summary>One line of a posting: an amount, in minor units, added to an account's balance (negative to take away).</summary>
/// <param name="Account">Account name (see <see cref="Accounts"/>).</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Amount">Minor units; an account's balance is the sum of its lines.</param>
public sealed record PostingLine(string Account, string Currency, long Amount);
