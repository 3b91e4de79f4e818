namespace Suanwang.Core.Sites;

/// <summary>A compute site: one owner's data center (or satellite) in one jurisdiction.</summary>
/// <param name="Id">Unique id in the network, for example <c>cn-beijing-1</c>.</param>
/// <param name="Owner">The provider that owns the site.</param>
/// <param name="Jurisdiction">Country and optional zone whose law applies.</param>
/// <param name="Tier">Core, hub, edge or orbital.</param>
/// <param name="Location">Where the site is.</param>
/// <param name="Carbon">Grid carbon intensity over time.</param>
/// <param name="GreenShare">Share of power from renewable sources, 0..1 (reported, not used in CO2 sums).</param>
/// <param name="Pools">Accelerator pools.</param>
/// <param name="UplinkGbps">Bandwidth to the wide-area network when no explicit link applies.</param>
/// <param name="Reliability">Failure model for the simulator; null for a site that never fails.</param>
public sealed record Site(
    string Id,
    string Owner,
    Jurisdiction Jurisdiction,
    SiteTier Tier,
    GeoLocation Location,
    CarbonProfile Carbon,
    double GreenShare,
    IReadOnlyList<AcceleratorPool> Pools,
    double UplinkGbps,
    Reliability? Reliability)
{
    /// <summary>All cards at the site.</summary>
    public int Cards => Pools.Sum(p => p.Cards);

    /// <summary>Capacity in P.</summary>
    public double CapacityP => Pools.Sum(p => p.CapacityP);
}
