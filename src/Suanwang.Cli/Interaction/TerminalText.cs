using Suanwang.Core.Schemas;

namespace Suanwang.Cli.Interaction;

/// <summary>
/// Text from the server made safe for a terminal: control and bidirectional characters written
/// as escapes (<c>\e</c>, <c>\n</c>, <c>\u202E</c>), so a job name cannot clear the screen, fake a
/// line of output or read backwards.
/// </summary>
internal static class TerminalText
{
    /// <summary>The text with unsafe characters escaped and Spectre markup escaped, for tables and markup.</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(PlainText.Escape(text));

    /// <summary>The text with unsafe characters escaped except line feeds and tabs, for messages of several lines.</summary>
    public static string Lines(string? text) => PlainText.Escape(text, multiline: true);
}
