namespace Suanwang.Protocol.Market;

/// <summary>A tenant's prepaid money (<c>GET /api/v1/tenants/{tenant}/balance</c>).</summary>
/// <param name="Tenant">Tenant id.</param>
/// <param name="Available">What it may spend now.</param>
/// <param name="Reserved">What open orders hold.</param>
/// <param name="Currency">The server's base currency.</param>
public sealed record BalanceView(string Tenant, string Available, string Reserved, string Currency);
