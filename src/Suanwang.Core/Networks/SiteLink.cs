namespace Suanwang.Core.Networks;

/// <summary>A network link between two sites, used for data transfer and, for orbital sites, contact.</summary>
/// <param name="A">One site id.</param>
/// <param name="B">The other site id.</param>
/// <param name="BandwidthGbps">Usable bandwidth in Gbit/s.</param>
/// <param name="LatencyMs">One-way latency in milliseconds.</param>
/// <param name="Contact">When the link is up; null for an always-up link.</param>
public sealed record SiteLink(string A, string B, double BandwidthGbps, double LatencyMs, ContactWindow? Contact)
{
    /// <summary>True when the link joins <paramref name="x"/> and <paramref name="y"/> in either direction.</summary>
    public bool Joins(string x, string y) => (A == x && B == y) || (A == y && B == x);
}
