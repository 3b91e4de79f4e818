namespace Suanwang.Core.Law;

/// <summary>The type of a fact or a value in a rule condition.</summary>
public enum FactType
{
    /// <summary>A whole number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A country (ISO 3166-1 alpha-2 code).</summary>
    Country,

    /// <summary>A set of countries.</summary>
    Countries,

    /// <summary>One of a fixed set of names (a classification, a filing state, ...).</summary>
    Symbol,

    /// <summary>A quoted text, only as a literal.</summary>
    Text,
}
