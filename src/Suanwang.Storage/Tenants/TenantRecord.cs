namespace Suanwang.Storage.Tenants;

/// <summary>A tenant: an organisation that submits and pays for jobs.</summary>
/// <param name="Id">Tenant id, lower-case letters, digits and dashes.</param>
/// <param name="Name">Display name.</param>
/// <param name="Weight">Fair-share weight.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record TenantRecord(string Id, string Name, double Weight, DateTimeOffset CreatedAt);
