using Microsoft.AspNetCore.Mvc;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Sites;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Core.Sites;
using Suanwang.Portal.Security;
using Suanwang.Protocol.Tokens;
using Suanwang.Storage;
using Suanwang.Storage.Sites;

namespace Suanwang.Portal.Pages.Provider;

/// <summary>
/// A provider's own sites, as <c>GET /api/v1/providers/{owner}/sites</c> lists them: each with its
/// state, free cards, pools and prices and the model endpoints it publishes, linking to the site's
/// page and to the provider's statement. An admin opens any provider's with <c>?owner=</c>.
/// </summary>
[ProviderPage]
public sealed class IndexModel(IStore store, SiteDirectory directory, ClusterSnapshot snapshot, SiteModelDesk models) : PortalPage
{
    /// <summary>Most characters of a provider's name in the query.</summary>
    public const int MaxName = 256;

    /// <summary>The provider whose sites an admin opens; a provider's session always sees its own.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Owner { get; set; }

    /// <summary>The provider's sites by id: the stored record, the parsed site (null when its spec no longer parses), free cards when known, and its model endpoints.</summary>
    public IReadOnlyList<(SiteRecord Record, Site? Site, int? Free, IReadOnlyList<ModelEndpointView> Models)> Sites { get; private set; } = [];

    /// <summary>Shows the sites; 403 for a tenant's session, or a provider's asking for another provider.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var owner = Me.Owner ?? (Me.Admin ? Owner?.Trim() : null);
        if (owner is null || owner.Length == 0 || owner.Length > MaxName || (Me.Owner is not null && Owner is not null && Owner != Me.Owner))
        {
            return Forbid();
        }

        Owner = owner;
        var records = await store.ListSitesAsync(cancellationToken).ConfigureAwait(false);
        var own = records.Select(r => (Record: r, Site: directory.SiteOf(r))).Where(s => s.Site?.Owner == owner).ToList();
        var endpoints = own.Count == 0 ? [] : await models.ListAsync(cancellationToken).ConfigureAwait(false);
        Sites = [.. own.Select(s => (s.Record, s.Site, snapshot.FreeCards(s.Record.Id), (IReadOnlyList<ModelEndpointView>)[.. endpoints.Where(e => e.Site == s.Record.Id)]))];
        return Page();
    }
}
