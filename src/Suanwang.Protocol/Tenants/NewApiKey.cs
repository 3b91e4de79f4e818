namespace Suanwang.Protocol.Tenants;

/// <summary>A key to issue (<c>POST /api/v1/tenants/{id}/keys</c>); the body may be left out for a tenant key.</summary>
/// <param name="Admin">Whether the key may act on every tenant and on sites and agents.</param>
public sealed record NewApiKey(bool Admin = false);
