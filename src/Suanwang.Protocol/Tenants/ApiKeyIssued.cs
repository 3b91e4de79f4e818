namespace Suanwang.Protocol.Tenants;

/// <summary>A new API key; the key itself is shown only here, once.</summary>
/// <param name="Id">Public key id.</param>
/// <param name="Tenant">Tenant it acts for.</param>
/// <param name="Admin">Whether it is an admin key.</param>
/// <param name="Key">The secret to send as <c>Authorization: Bearer KEY</c>.</param>
public sealed record ApiKeyIssued(string Id, string Tenant, bool Admin, string Key);
