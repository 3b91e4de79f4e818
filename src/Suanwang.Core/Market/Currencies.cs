namespace Suanwang.Core.Market;

/// <summary>ISO 4217 currency codes and the number of digits of their minor unit.</summary>
public static class Currencies
{
    private static readonly HashSet<string> s_noMinor = new(StringComparer.Ordinal)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> s_threeDigits = new(StringComparer.Ordinal)
    {
        "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND",
    };

    /// <summary>Whether <paramref name="text"/> has the shape of an ISO 4217 code: three upper-case ASCII letters.</summary>
    public static bool IsCode(string? text) => text is { Length: 3 } && text.All(char.IsAsciiLetterUpper);

    /// <summary>Digits after the decimal point of the currency's minor unit: 2 for most, 0 for JPY and KRW, 3 for KWD.</summary>
    public static int MinorDigits(string code) =>
        s_noMinor.Contains(code) ? 0 : s_threeDigits.Contains(code) ? 3 : 2;
}
