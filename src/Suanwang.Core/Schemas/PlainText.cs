using System.Globalization;
using System.Text;

namespace Suanwang.Core.Schemas;

/// <summary>
/// Rules for text that is stored and later shown on a terminal or a page: no control characters
/// (which can clear a screen or fake a line of output) and no bidirectional overrides (which can
/// make text read differently from what it is), and an upper bound on length.
/// </summary>
public static class PlainText
{
    /// <summary>Most characters in a name (of a job, a tenant, a dataset).</summary>
    public const int MaxNameLength = 256;

    /// <summary>Most UTF-8 bytes in a command (a job's <c>run</c>): 64 KiB, well under any system's argument limit.</summary>
    public const int MaxCommandBytes = 64 * 1024;

    /// <summary>
    /// True for a character that must not be stored in a name: C0 and C1 controls and DEL, line and
    /// paragraph separators, and the bidirectional marks, embeddings, overrides and isolates
    /// (U+061C, U+200E-200F, U+202A-202E, U+2066-2069). With <paramref name="multiline"/>, tab and
    /// line feed are allowed.
    /// </summary>
    public static bool IsUnsafe(char c, bool multiline = false) => c switch
    {
        '\t' or '\n' => !multiline,
        '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => char.IsControl(c),
    };

    /// <summary>What is wrong with a name, or null when it is fine: too long, or holding an unsafe character.</summary>
    public static string? NameProblem(string text, int maxLength = MaxNameLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > maxLength)
        {
            return $"is {text.Length} characters long; the most is {maxLength}";
        }

        var at = FirstUnsafe(text, multiline: false);
        return at < 0 ? null : $"holds the control or bidirectional character {Code(text[at])} at position {at + 1}; names are plain text on one line";
    }

    /// <summary>What is wrong with a command, or null when it is fine: over <see cref="MaxCommandBytes"/>, or holding a control character other than tab and line feed.</summary>
    public static string? CommandProblem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxCommandBytes)
        {
            return $"is {bytes} bytes long; the most is {MaxCommandBytes} (64 KiB): put a long script in a file the job runs";
        }

        var at = FirstUnsafe(text, multiline: true);
        return at < 0 ? null : $"holds the control or bidirectional character {Code(text[at])} at position {at + 1}; only tab and line feed are allowed";
    }

    /// <summary>The index of the first unsafe character of <paramref name="text"/>, or -1.</summary>
    public static int FirstUnsafe(string text, bool multiline)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i], multiline))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// <paramref name="text"/> safe to print on one line: each unsafe character (tab and line feed
    /// included, unless <paramref name="multiline"/>) written as an escape such as <c>\n</c> or
    /// <c>\u202E</c>, so what a terminal shows is what the text holds.
    /// </summary>
    public static string Escape(string? text, bool multiline = false)
    {
        if (text is null || FirstUnsafe(text, multiline) < 0)
        {
            return text ?? "";
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(IsUnsafe(c, multiline) ? Code(c) : c);
        }

        return escaped.ToString();
    }

    /// <summary><paramref name="text"/> escaped as <see cref="Escape"/> does, cut to <paramref name="max"/> characters with "...": for quoting input back in an error.</summary>
    public static string Quote(string text, int max = 80) => Escape(text.Length > max ? text[..max] + "..." : text);

    private static string Code(char c) => c switch
    {
        '\t' => @"\t",
        '\n' => @"\n",
        '\r' => @"\r",
        '\0' => @"\0",
        '\u001B' => @"\e",
        _ => @"\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
    };
}
