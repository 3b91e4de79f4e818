namespace Suanwang.Storage.Tenants;

/// <summary>An API key, stored only as its SHA-256 hash.</summary>
/// <param name="Id">Short public id, shown in listings.</param>
/// <param name="Hash">Lower-case hex SHA-256 of the key.</param>
/// <param name="Role">What the key may do.</param>
/// <param name="Tenant">Tenant the key acts for (admin and tenant keys); null for an agent or provider key.</param>
/// <param name="Site">Site an agent key acts for; null for the other roles.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it stops working; null when it does not expire.</param>
/// <param name="RevokedAt">When it was revoked; null while it is not.</param>
/// <param name="Jurisdictions">ISO 3166-1 alpha-2 countries the key's token requests may be served in; null for anywhere.</param>
/// <param name="RequestsPerMinute">Token gateway requests the key may make per minute; null for no limit.</param>
/// <param name="TokensPerMinute">Prompt and completion tokens the key may use per minute; null for no limit.</param>
/// <param name="SpendPerMonth">Minor units of the base currency the key may spend on tokens per calendar month (UTC); null for no limit.</param>
/// <param name="Owner">The provider (a site owner) a provider key reads for; null for the other roles.</param>
public sealed record ApiKeyRecord(
    string Id,
    string Hash,
    KeyRole Role,
    string? Tenant,
    string? Site,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt = null,
    DateTimeOffset? RevokedAt = null,
    IReadOnlyList<string>? Jurisdictions = null,
    long? RequestsPerMinute = null,
    long? TokensPerMinute = null,
    long? SpendPerMonth = null,
    string? Owner = null)
{
    /// <summary>Whether the key may act on every tenant and on sites.</summary>
    public bool Admin => Role == KeyRole.Admin;
}
