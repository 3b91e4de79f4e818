using System.Security.Cryptography;

namespace Suanwang.Storage.Market;

/// <summary>Random ids for orders and quotes: a prefix and 26 base32 characters (130 random bits).</summary>
public static class MarketIds
{
    private const int Characters = 26;

    // RFC 4648 base32, lower case: no padding needed, no characters to escape in a URL.
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new order id, "ord_…".</summary>
    public static string Order() => "ord_" + Random();

    /// <summary>A new quote id, "quo_…".</summary>
    public static string Quote() => "quo_" + Random();

    private static string Random() => RandomNumberGenerator.GetString(Alphabet, Characters);
}
