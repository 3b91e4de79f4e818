namespace Suanwang.ControlPlane.Tenants;

/// <summary>What holds a key's token requests: where they may be served and how much it may use.</summary>
/// <param name="Jurisdictions">Countries where its requests may be served; null for anywhere.</param>
/// <param name="RequestsPerMinute">Requests per minute; null for no limit.</param>
/// <param name="TokensPerMinute">Tokens per minute; null for no limit.</param>
/// <param name="SpendPerMonth">Minor units of the base currency per calendar month; null for no limit.</param>
public sealed record KeyTokenPolicy(IReadOnlyList<string>? Jurisdictions, long? RequestsPerMinute, long? TokensPerMinute, long? SpendPerMonth);
