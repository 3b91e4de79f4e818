using System.Globalization;
using System.Text.RegularExpressions;

namespace Suanwang.Storage.Migrations;

/// <summary>
/// Reads the devices out of the event text that recorded them before devices were a column
/// ("... devices 0,1;4,5 (fence 3)", kind "dispatched", or "placed" before that). Used by the
/// upgrade only; nothing else reads devices from events.
/// </summary>
internal static partial class DeviceNote
{
    /// <summary>The devices a note's message records for <paramref name="fence"/>; null when it records none or another fence's.</summary>
    public static string? DevicesFor(string message, long fence)
    {
        var match = Pattern().Match(message);
        return match.Success && long.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var noted) && noted == fence
            ? match.Groups[1].Value
            : null;
    }

    [GeneratedRegex(@" devices (\S+) \(fence (\d+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
