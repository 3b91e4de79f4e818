using System.Text.RegularExpressions;

namespace Suanwang.Core.Schemas;

/// <summary>
/// One field of a document format: its name, shape, bounds and meaning. Readers take names,
/// bounds and defaults from here and <see cref="JsonSchemaWriter"/> turns the same definition
/// into JSON Schema, so the two cannot disagree.
/// </summary>
public sealed class Field
{
    /// <summary>A field named <paramref name="name"/> of <paramref name="kind"/>, described for users.</summary>
    public Field(string name, FieldKind kind, string description)
    {
        Name = name;
        Kind = kind;
        Description = description;
    }

    /// <summary>The key as written in the document.</summary>
    public string Name { get; }

    /// <summary>The shape of the value.</summary>
    public FieldKind Kind { get; }

    /// <summary>What the field means, for users and generated clients.</summary>
    public string Description { get; }

    /// <summary>True when the document must give the field.</summary>
    public bool Required { get; init; }

    /// <summary>Smallest value allowed (for counts, the smallest count); null for no bound.</summary>
    public double? Min { get; init; }

    /// <summary>Largest value allowed (for counts, the largest count); null for no bound.</summary>
    public double? Max { get; init; }

    /// <summary>The value an absent field takes, written as in a document; null for none.</summary>
    public string? Default { get; init; }

    /// <summary>The allowed values of a <see cref="FieldKind.Choice"/>, read case-insensitively.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>A regular expression (ECMA-262, anchored) string values match; null for any.</summary>
    public string? Pattern { get; init; }

    /// <summary>The fields of a <see cref="FieldKind.Mapping"/> or of each item of a <see cref="FieldKind.MappingList"/>.</summary>
    public FieldSet? Fields { get; init; }

    /// <summary>True when <paramref name="text"/> matches <see cref="Pattern"/> as a whole (or there is none).</summary>
    public bool Matches(string text)
    {
        if (Pattern is null)
        {
            return true;
        }

        // .NET's $ also matches before a final newline; insist the match covers the whole text.
        var match = Regex.Match(text, Pattern, RegexOptions.CultureInvariant);
        return match.Success && match.Index == 0 && match.Length == text.Length;
    }
}
