namespace Suanwang.Storage.Market;

/// <summary>An account's balance in one currency.</summary>
/// <param name="Account">Account name.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Balance">Minor units: the sum of the account's lines in this currency (0 when it has none).</param>
/// <param name="FloorsAtZero">Whether the store refuses to let it go below zero (wallets and holds).</param>
public sealed record AccountBalance(string Account, string Currency, long Balance, bool FloorsAtZero);
