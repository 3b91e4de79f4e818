namespace Suanwang.Protocol.Tenants;

/// <summary>A tenant's key to issue (<c>POST /api/v1/tenants/{id}/keys</c>); the body may be left out for a tenant key that does not expire.</summary>
/// <param name="Admin">Whether the key may act on every tenant and on sites and agents.</param>
/// <param name="ExpiresAt">When the key stops working (RFC 3339, in the future); it does not expire when left out.</param>
/// <param name="Jurisdictions">ISO 3166-1 alpha-2 countries where the key's token requests may be served (1 to 64); anywhere when left out.</param>
/// <param name="RequestsPerMinute">Token gateway requests per minute (1 to 1,000,000,000); no limit when left out.</param>
/// <param name="TokensPerMinute">Prompt and completion tokens per minute (1 to 1,000,000,000,000); no limit when left out.</param>
/// <param name="SpendPerMonth">Base-currency amount the key may spend on tokens per calendar month (UTC), as a decimal string or number; no limit when left out.</param>
public sealed record NewApiKey(
    bool Admin = false,
    DateTimeOffset? ExpiresAt = null,
    IReadOnlyList<string>? Jurisdictions = null,
    long? RequestsPerMinute = null,
    long? TokensPerMinute = null,
    decimal? SpendPerMonth = null);
