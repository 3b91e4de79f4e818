namespace Suanwang.Protocol.Market;

/// <summary>A recorded top-up or refund.</summary>
/// <param name="Posting">Ledger posting id.</param>
/// <param name="Tenant">The tenant credited.</param>
/// <param name="Amount">Amount paid, in <paramref name="Currency"/>.</param>
/// <param name="Currency">Currency paid in.</param>
/// <param name="Credited">Amount credited to the wallet, in the base currency (after conversion at the published rate).</param>
/// <param name="Balance">The tenant's balance after it.</param>
public sealed record TopUpResult(long Posting, string Tenant, string Amount, string Currency, string Credited, BalanceView Balance);
