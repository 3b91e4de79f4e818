using Suanwang.Core.Schemas;

namespace Suanwang.Portal.Pages;

/// <summary>
/// User text as a page shows it: control and bidirectional characters written as visible escapes
/// (<c>\u202E</c>), so a name cannot reorder what is around it; Razor then HTML-encodes the rest.
/// Pages also wrap such text in <c>&lt;bdi&gt;</c>, isolating right-to-left names from their neighbours.
/// </summary>
public static class Inert
{
    /// <summary>One line of user text, inert.</summary>
    public static string Text(string? text) => PlainText.Escape(text);
}
