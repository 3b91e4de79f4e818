namespace Suanwang.Protocol.Sites;

/// <summary>A site as the API shows it.</summary>
/// <param name="Id">Site id.</param>
/// <param name="Owner">Provider.</param>
/// <param name="Jurisdiction">Country and zone.</param>
/// <param name="Tier">core, hub, edge or orbital.</param>
/// <param name="Backend">local or slurm.</param>
/// <param name="State">up, down or draining.</param>
/// <param name="Cards">Cards at the site.</param>
/// <param name="FreeCards">Cards not held by placed or running jobs.</param>
/// <param name="Pools">Pools: model, nodes, cards per node, prices.</param>
/// <param name="LastHeartbeat">The agent's last heartbeat.</param>
public sealed record SiteView(
    string Id,
    string Owner,
    string Jurisdiction,
    string Tier,
    string Backend,
    string State,
    int Cards,
    int FreeCards,
    IReadOnlyList<PoolView> Pools,
    DateTimeOffset LastHeartbeat);
