namespace Suanwang.Protocol.Tenants;

/// <summary>A tenant's key to issue (<c>POST /api/v1/tenants/{id}/keys</c>); the body may be left out for a tenant key that does not expire.</summary>
/// <param name="Admin">Whether the key may act on every tenant and on sites and agents.</param>
/// <param name="ExpiresAt">When the key stops working (RFC 3339, in the future); it does not expire when left out.</param>
public sealed record NewApiKey(bool Admin = false, DateTimeOffset? ExpiresAt = null);
