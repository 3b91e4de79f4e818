using System.Security.Cryptography;
using System.Text;

namespace Suanwang.Server.Market;

/// <summary>Ids of orders and quotes (unguessable: an id is not a permission, but it should not be a hint either) and request fingerprints.</summary>
internal static class MarketIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new order id, "ord_" and 26 random base32 characters.</summary>
    public static string NewOrder() => "ord_" + Random26();

    /// <summary>A new quote id, "quo_" and 26 random base32 characters.</summary>
    public static string NewQuote() => "quo_" + Random26();

    /// <summary>Lower-case hex SHA-256 of a request's media type and body: what tells a replay from a different request under the same key.</summary>
    public static string Fingerprint(string mediaType, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mediaType + "\n" + body)));

    private static string Random26()
    {
        Span<byte> bytes = stackalloc byte[26];
        RandomNumberGenerator.Fill(bytes);
        var text = new StringBuilder(26);
        foreach (var b in bytes)
        {
            text.Append(Alphabet[b & 31]);
        }

        return text.ToString();
    }
}
