using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Suanwang.Simulation.Reporting;

/// <summary>Encodes text for HTML element content and attribute values.</summary>
internal static class HtmlText
{
    // All scripts pass through as characters (site ids may be Chinese); markup characters never do.
    private static readonly HtmlEncoder s_encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary><paramref name="text"/> safe to place between tags or inside a quoted attribute.</summary>
    public static string Encode(string? text) => string.IsNullOrEmpty(text) ? "" : s_encoder.Encode(text);
}
