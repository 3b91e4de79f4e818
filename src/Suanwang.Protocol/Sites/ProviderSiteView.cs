using Suanwang.Protocol.Tokens;

namespace Suanwang.Protocol.Sites;

/// <summary>One of a provider's sites as <c>GET /api/v1/providers/{owner}/sites</c> shows it: the site with its pools, prices and free cards, and the model endpoints it publishes.</summary>
/// <param name="Site">The site as <c>GET /api/v1/sites/{id}</c> shows it.</param>
/// <param name="Models">The model endpoints the site publishes, with their token prices and state.</param>
public sealed record ProviderSiteView(SiteView Site, IReadOnlyList<ModelEndpointView> Models);
