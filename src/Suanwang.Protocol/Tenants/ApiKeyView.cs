namespace Suanwang.Protocol.Tenants;

/// <summary>An API key as listed (<c>GET /api/v1/keys</c>): never its secret.</summary>
/// <param name="Id">Public key id.</param>
/// <param name="Role">What it may do: admin, tenant, agent or provider.</param>
/// <param name="Tenant">Tenant it acts for; absent for an agent or provider key.</param>
/// <param name="Site">Site an agent key acts for; absent for the other roles.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it stops working; absent when it does not expire.</param>
/// <param name="RevokedAt">When it was revoked; absent while it is not.</param>
/// <param name="State">active, expired or revoked, at the time of the listing.</param>
/// <param name="Jurisdictions">Countries where its token requests may be served; absent for anywhere.</param>
/// <param name="RequestsPerMinute">Token gateway requests per minute; absent for no limit.</param>
/// <param name="TokensPerMinute">Tokens per minute; absent for no limit.</param>
/// <param name="SpendPerMonth">Base-currency amount it may spend on tokens per month, as a decimal string; absent for no limit.</param>
/// <param name="Owner">The provider a provider key reads for; absent for the other roles.</param>
public sealed record ApiKeyView(
    string Id,
    string Role,
    string? Tenant,
    string? Site,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string State,
    IReadOnlyList<string>? Jurisdictions = null,
    long? RequestsPerMinute = null,
    long? TokensPerMinute = null,
    string? SpendPerMonth = null,
    string? Owner = null);
