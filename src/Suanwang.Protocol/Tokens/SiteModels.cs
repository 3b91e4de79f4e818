namespace Suanwang.Protocol.Tokens;

/// <summary>Every model endpoint a site publishes; the list replaces what the site published before.</summary>
/// <param name="Models">The endpoints, at most one per model id.</param>
public sealed record SiteModels(IReadOnlyList<SiteModel> Models);
