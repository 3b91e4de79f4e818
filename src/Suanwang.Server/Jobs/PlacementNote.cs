using System.Globalization;
using System.Text.RegularExpressions;

namespace Suanwang.Server.Jobs;

/// <summary>
/// The "placed" event of a job: where it runs, on which devices, under which fence. The event is
/// the durable record of the devices, read back by heartbeats and after a restart.
/// </summary>
internal static partial class PlacementNote
{
    /// <summary>The event kind.</summary>
    public const string Kind = "placed";

    /// <summary>The event message.</summary>
    public static string Format(string site, int pool, string nodes, string devices, long fence) =>
        $"placed on site {site} pool {pool} nodes {nodes} devices {devices} (fence {fence})";

    /// <summary>The devices recorded for <paramref name="fence"/> in a "placed" message; null when it is another fence's.</summary>
    public static string? DevicesFor(string message, long fence)
    {
        var match = Pattern().Match(message);
        return match.Success && long.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture) == fence ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@" devices (\S+) \(fence (\d+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
