namespace Suanwang.Core.Schemas;

/// <summary>The shape of a field's value, as a reader checks it and as JSON Schema states it.</summary>
public enum FieldKind
{
    /// <summary>A non-empty string, optionally matching <see cref="Field.Pattern"/>.</summary>
    Text,

    /// <summary>A whole number in [<see cref="Field.Min"/>, <see cref="Field.Max"/>].</summary>
    WholeNumber,

    /// <summary>A number in [<see cref="Field.Min"/>, <see cref="Field.Max"/>].</summary>
    Number,

    /// <summary>An exact decimal amount of at least <see cref="Field.Min"/>.</summary>
    Decimal,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A positive number of seconds, or a string with units matching <see cref="Field.Pattern"/>.</summary>
    Duration,

    /// <summary>One of <see cref="Field.Values"/>.</summary>
    Choice,

    /// <summary>A mapping of the fields in <see cref="Field.Fields"/>.</summary>
    Mapping,

    /// <summary>A list of mappings, each of the fields in <see cref="Field.Fields"/>.</summary>
    MappingList,

    /// <summary>One string or a list of strings, each matching <see cref="Field.Pattern"/>.</summary>
    ValueOrList,

    /// <summary>
    /// One string, a non-empty list of strings (each matching <see cref="Field.Pattern"/>), or a
    /// non-empty mapping from a string to a count in [<see cref="Field.Min"/>, <see cref="Field.Max"/>].
    /// </summary>
    ValuesOrCounts,

    /// <summary>
    /// A non-empty mapping from a card count in [<see cref="Field.Min"/>, <see cref="Field.Max"/>]
    /// to a positive number (a scaling table: speed-up by card count).
    /// </summary>
    NumbersByCount,
}
