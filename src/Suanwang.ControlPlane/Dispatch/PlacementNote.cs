namespace Suanwang.ControlPlane.Dispatch;

/// <summary>
/// The "dispatched" event of a job: where it runs, on which devices, under which fence, for its
/// history. The devices themselves are stored with the placement; nothing reads them back from here.
/// </summary>
public static class PlacementNote
{
    /// <summary>The event kind.</summary>
    public const string Kind = "dispatched";

    /// <summary>The event message.</summary>
    public static string Format(string site, int pool, IReadOnlyList<int> nodes, int cardsPerNode, IReadOnlyList<int> devices, long fence) =>
        $"dispatched to site {site} pool {pool} nodes {string.Join(',', nodes)} devices {DeviceMap.Text(devices, cardsPerNode)} (fence {fence})";
}
