namespace Suanwang.Storage.Tenants;

/// <summary>An API key, stored only as its SHA-256 hash.</summary>
/// <param name="Id">Short public id, shown in listings.</param>
/// <param name="Hash">Lower-case hex SHA-256 of the key.</param>
/// <param name="Tenant">Tenant the key acts for.</param>
/// <param name="Admin">Whether it may act on every tenant and on sites.</param>
/// <param name="CreatedAt">When it was issued.</param>
public sealed record ApiKeyRecord(string Id, string Hash, string Tenant, bool Admin, DateTimeOffset CreatedAt);
