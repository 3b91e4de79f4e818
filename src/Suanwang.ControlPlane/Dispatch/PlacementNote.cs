using System.Globalization;
using System.Text.RegularExpressions;
using Suanwang.Storage.Jobs;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>
/// The "dispatched" event of a job: where it runs, on which devices, under which fence. The event is
/// the durable record of the devices, read back by heartbeats and after a restart. It follows the
/// store's own "placed" event, which records the placement but not the devices.
/// </summary>
public static partial class PlacementNote
{
    /// <summary>The event kind.</summary>
    public const string Kind = "dispatched";

    // The kind these notes had before "dispatched"; still read so that jobs placed before the
    // rename keep their devices. Only messages ending in "devices D (fence F)" count.
    private const string FormerKind = "placed";

    /// <summary>The event message.</summary>
    public static string Format(string site, int pool, string nodes, string devices, long fence) =>
        $"dispatched to site {site} pool {pool} nodes {nodes} devices {devices} (fence {fence})";

    /// <summary>The devices <paramref name="e"/> records for <paramref name="fence"/>; null when it is no device note or another fence's.</summary>
    public static string? DevicesFor(JobEvent e, long fence) =>
        e.Kind is Kind or FormerKind ? DevicesFor(e.Message, fence) : null;

    /// <summary>The devices recorded for <paramref name="fence"/> in a note's message; null when it is another fence's.</summary>
    public static string? DevicesFor(string message, long fence)
    {
        var match = Pattern().Match(message);
        return match.Success && long.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture) == fence ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@" devices (\S+) \(fence (\d+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
