using Suanwang.Core.Sites;

namespace Suanwang.Scheduling.Requests;

/// <summary>A set of countries as 256 bits over <see cref="CountryCodes"/> indices; a value type, no allocation.</summary>
public readonly record struct CountrySet(ulong W0, ulong W1, ulong W2, ulong W3)
{
    /// <summary>Every country.</summary>
    public static CountrySet All => new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    /// <summary>No country.</summary>
    public static CountrySet None => default;

    /// <summary>True when the set holds every country.</summary>
    public bool IsAll => (W0 & W1 & W2 & W3) == ulong.MaxValue;

    /// <summary>True when the set is empty.</summary>
    public bool IsEmpty => (W0 | W1 | W2 | W3) == 0;

    /// <summary>The set with one more country.</summary>
    public CountrySet With(int country) => (country >> 6) switch
    {
        0 => this with { W0 = W0 | (1UL << country) },
        1 => this with { W1 = W1 | (1UL << (country & 63)) },
        2 => this with { W2 = W2 | (1UL << (country & 63)) },
        _ => this with { W3 = W3 | (1UL << (country & 63)) },
    };

    /// <summary>True when <paramref name="country"/> is in the set.</summary>
    public bool Contains(int country)
    {
        var word = (country >> 6) switch
        {
            0 => W0,
            1 => W1,
            2 => W2,
            _ => W3,
        };
        return (word & (1UL << (country & 63))) != 0;
    }

    /// <summary>The countries in both sets.</summary>
    public CountrySet Intersect(CountrySet other) => new(W0 & other.W0, W1 & other.W1, W2 & other.W2, W3 & other.W3);
}
