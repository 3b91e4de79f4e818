namespace Suanwang.Protocol.Market;

/// <summary>A tenant's prepaid money (<c>GET /api/v1/tenants/{tenant}/balance</c>).</summary>
/// <param name="Tenant">Tenant id.</param>
/// <param name="Available">What it may spend now: its wallet less what token requests in flight hold.</param>
/// <param name="Reserved">What open orders hold.</param>
/// <param name="Currency">The server's base currency.</param>
/// <param name="TokensHeld">What its token requests in flight through this server's gateway hold (rounded up to the minor unit).</param>
public sealed record BalanceView(string Tenant, string Available, string Reserved, string Currency, string? TokensHeld = null);
