namespace Suanwang.Protocol.Tenants;

/// <summary>An agent key to issue for one site (<c>POST /api/v1/sites/{id}/keys</c>); the body may be left out for a key that does not expire.</summary>
/// <param name="ExpiresAt">When the key stops working (RFC 3339, in the future); it does not expire when left out.</param>
public sealed record NewAgentKey(DateTimeOffset? ExpiresAt = null);
