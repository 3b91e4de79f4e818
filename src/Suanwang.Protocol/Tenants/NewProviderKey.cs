namespace Suanwang.Protocol.Tenants;

/// <summary>A provider key to issue for one site owner (<c>POST /api/v1/providers/{owner}/keys</c>); the body may be left out for a key that does not expire.</summary>
/// <param name="ExpiresAt">When the key stops working (RFC 3339, in the future); it does not expire when left out.</param>
public sealed record NewProviderKey(DateTimeOffset? ExpiresAt = null);
