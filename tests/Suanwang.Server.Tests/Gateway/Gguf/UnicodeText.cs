using FsCheck;
using FsCheck.Fluent;

namespace Suanwang.Server.Tests.Gateway.Gguf;

/// <summary>Random prompt text for property tests: words, whitespace runs, repeated runs (where merges tie), CJK, emoji, combining marks, lone surrogates, control and special-token text, any code point.</summary>
public static class UnicodeText
{
    private static readonly string[] s_words =
    [
        "the", "The", " the", "Hello", " world", "token", "Internationalization", "gateway", "ing", "er", "’s", "don't",
        "数据", "算力网络", "Привет", "мир", "مرحبا", "Сәлем", "Ελλάδα", "naïve", "café", "<s>", "</s>", "<unk>", "<0x41>", "▁", "▁▁",
        "```python", "def f(x):", "\treturn x", "{\"a\": 1}", "http://example.com/a?b=c", "1234567890", "3.14159",
    ];

    /// <summary>One piece of text.</summary>
    public static Gen<string> Piece { get; } = Gen.Frequency(
        (6, Gen.Elements(s_words)),
        (3, Gen.Choose(1, 9).Select(n => new string(' ', n))),
        (2, Gen.Choose(2, 40).SelectMany(n => Gen.Elements("a", "ab", "哈", "=", "-", "0", "▁a").Select(s => string.Concat(Enumerable.Repeat(s, n))))),
        (2, Gen.Elements("\n", "\n\n", "\r\n", "\t", "\u3000", "\u00A0", "\u200B", "\u2028")),
        (3, Gen.Choose(0x4E00, 0x9FFF).Select(c => ((char)c).ToString())),
        (2, Gen.Choose(0x1F300, 0x1FAFF).Select(char.ConvertFromUtf32)),
        (2, Gen.Choose(0x300, 0x36F).Select(c => ((char)c).ToString())),
        (1, Gen.Choose(0xD800, 0xDFFF).Select(c => ((char)c).ToString())),
        (2, Gen.Choose(0x21, 0x7E).Select(c => ((char)c).ToString())),
        (1, Gen.Choose(0x1, 0x1F).Select(c => ((char)c).ToString())),
        (2, Gen.Choose(0xA0, 0x10FFFF).Where(c => c is < 0xD800 or > 0xDFFF).Select(char.ConvertFromUtf32)));

    /// <summary>Text of up to about 60 pieces.</summary>
    public static Arbitrary<string> Text { get; } = Arb.From(Gen.Sized(size => Gen.Choose(0, Math.Min(size, 60)).SelectMany(n => Gen.ArrayOf(Piece, n))).Select(string.Concat), Shrink);

    // Shorter texts first: dropping a half, then a character.
    private static IEnumerable<string> Shrink(string text)
    {
        if (text.Length > 1)
        {
            yield return text[..(text.Length / 2)];
            yield return text[(text.Length / 2)..];
        }

        for (var i = 0; i < Math.Min(text.Length, 16); i++)
        {
            yield return text.Remove(i, 1);
        }
    }
}
