namespace Suanwang.Storage.Tokens;

/// <summary>The model endpoints one site publishes, as its agent last sent them.</summary>
/// <param name="Site">The site.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country of the site, from its registered spec.</param>
/// <param name="Owner">The site's owner, paid for the tokens it serves.</param>
/// <param name="Models">The endpoints as a JSON array, in the agent protocol's form.</param>
/// <param name="UpdatedAt">When the agent last sent them.</param>
/// <param name="SiteUp">Whether the site's agent is up (heartbeats arrive) now.</param>
public sealed record SiteModelsRecord(string Site, string Country, string Owner, string Models, DateTimeOffset UpdatedAt, bool SiteUp);
