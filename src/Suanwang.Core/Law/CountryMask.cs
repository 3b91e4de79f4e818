using Suanwang.Core.Sites;

namespace Suanwang.Core.Law;

/// <summary>A set of countries by their <see cref="CountryCodes"/> index, as four 64-bit words.</summary>
public readonly record struct CountryMask(ulong W0, ulong W1, ulong W2, ulong W3)
{
    /// <summary>The empty set.</summary>
    public static CountryMask None => default;

    /// <summary>True when no country is in the set.</summary>
    public bool IsEmpty => (W0 | W1 | W2 | W3) == 0;

    /// <summary>The set with <paramref name="country"/> added; an index outside the table is ignored.</summary>
    public CountryMask With(int country) => (country >> 6) switch
    {
        _ when country < 0 => this,
        0 => this with { W0 = W0 | (1UL << country) },
        1 => this with { W1 = W1 | (1UL << (country & 63)) },
        2 => this with { W2 = W2 | (1UL << (country & 63)) },
        3 => this with { W3 = W3 | (1UL << (country & 63)) },
        _ => this,
    };

    /// <summary>True when <paramref name="country"/> is in the set; false for a negative index.</summary>
    public bool Contains(int country) => country >= 0 && (country >> 6) switch
    {
        0 => (W0 & (1UL << country)) != 0,
        1 => (W1 & (1UL << (country & 63))) != 0,
        2 => (W2 & (1UL << (country & 63))) != 0,
        3 => (W3 & (1UL << (country & 63))) != 0,
        _ => false,
    };

    /// <summary>True when the two sets share a country.</summary>
    public bool Overlaps(CountryMask other) =>
        ((W0 & other.W0) | (W1 & other.W1) | (W2 & other.W2) | (W3 & other.W3)) != 0;

    /// <summary>The set of the given codes; an unknown code is ignored.</summary>
    public static CountryMask Of(IEnumerable<string> codes)
    {
        var mask = None;
        foreach (var code in codes)
        {
            mask = mask.With(CountryCodes.IndexOf(code));
        }

        return mask;
    }

    /// <summary>The codes in the set, in table order.</summary>
    public IEnumerable<string> Codes()
    {
        for (var i = 0; i < CountryCodes.Count; i++)
        {
            if (Contains(i))
            {
                yield return CountryCodes.CodeAt(i);
            }
        }
    }
}
