namespace Suanwang.Protocol.Tenants;

/// <summary>A new API key; the key itself is shown only here, once.</summary>
/// <param name="Id">Public key id.</param>
/// <param name="Role">What it may do: admin, tenant, agent or provider.</param>
/// <param name="Tenant">Tenant it acts for; absent for an agent or provider key.</param>
/// <param name="Site">Site an agent key acts for; absent for the other roles.</param>
/// <param name="ExpiresAt">When it stops working; absent when it does not expire.</param>
/// <param name="Key">The secret to send as <c>Authorization: Bearer KEY</c>.</param>
/// <param name="Owner">The provider a provider key reads for; absent for the other roles.</param>
public sealed record ApiKeyIssued(string Id, string Role, string? Tenant, string? Site, DateTimeOffset? ExpiresAt, string Key, string? Owner = null);
