using System.Text;

namespace Suanwang.Storage.Market;

/// <summary>
/// The names starting with a prefix as a range [prefix, end), so a lookup by prefix is an index
/// range scan. Both stores compare account names by code point (SQLite's BINARY, PostgreSQL's "C").
/// </summary>
internal static class AccountRange
{
    /// <summary>The first name after every name that starts with <paramref name="prefix"/>; null when there is none (empty prefix).</summary>
    public static string? End(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            var next = last + 1 == 0xD800 ? 0xE000 : last + 1;
            if (next <= 0x10FFFF)
            {
                var end = new StringBuilder();
                foreach (var rune in runes)
                {
                    end.Append(rune.ToString());
                }

                return end.Append(new Rune(next).ToString()).ToString();
            }
        }

        return null;
    }
}
