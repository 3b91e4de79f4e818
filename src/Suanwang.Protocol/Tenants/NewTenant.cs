namespace Suanwang.Protocol.Tenants;

/// <summary>A tenant to create (<c>POST /api/v1/tenants</c>).</summary>
/// <param name="Id">Tenant id: lower-case letters, digits and dashes, 1..63 characters.</param>
/// <param name="Name">Display name; the id when left out.</param>
/// <param name="Weight">Fair-share weight, above 0; 1 when left out.</param>
public sealed record NewTenant(string Id, string? Name = null, double? Weight = null);
