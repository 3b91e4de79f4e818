namespace Suanwang.Protocol.Tenants;

/// <summary>A tenant (<c>POST/GET /api/v1/tenants</c>).</summary>
/// <param name="Id">Tenant id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Weight">Fair-share weight.</param>
public sealed record TenantView(string Id, string Name, double Weight);
