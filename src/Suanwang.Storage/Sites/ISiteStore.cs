namespace Suanwang.Storage.Sites;

/// <summary>Registered sites and their agents' liveness.</summary>
public interface ISiteStore
{
    /// <summary>Registers or re-registers a site: stores its spec, marks it up and increases its agent epoch.</summary>
    Task<SiteRecord> RegisterSiteAsync(string id, string spec, string backend, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The site, or null.</summary>
    Task<SiteRecord?> GetSiteAsync(string id, CancellationToken cancellationToken);

    /// <summary>All sites by id.</summary>
    Task<IReadOnlyList<SiteRecord>> ListSitesAsync(CancellationToken cancellationToken);

    /// <summary>Records a heartbeat from the agent of <paramref name="epoch"/>; false when a newer agent registered since.</summary>
    Task<bool> HeartbeatAsync(string id, long epoch, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Marks a site down; false when it was already down.</summary>
    Task<bool> MarkDownAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Starts or stops draining a site; false when the site is unknown.</summary>
    Task<bool> SetDrainingAsync(string id, bool draining, CancellationToken cancellationToken);
}
