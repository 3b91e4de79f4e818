namespace Suanwang.Protocol.Market;

/// <summary>Money an admin adds to a tenant's wallet (<c>POST /api/v1/tenants/{tenant}/topups</c>), or refunds to it.</summary>
/// <param name="Amount">Decimal amount as a string, for example "100.00"; above zero.</param>
/// <param name="Currency">ISO 4217 code: the server's base currency or one it publishes a rate for.</param>
/// <param name="Memo">A note shown on statements.</param>
public sealed record NewTopUp(string Amount, string Currency, string? Memo = null);
