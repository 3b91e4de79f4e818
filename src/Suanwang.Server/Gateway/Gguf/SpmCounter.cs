using System.Text;

namespace Suanwang.Server.Gateway.Gguf;

/// <summary>
/// Counts a prompt's tokens as llama.cpp's SentencePiece tokenizer (<c>llm_tokenizer_spm</c>) makes
/// them, without the model: text split at the user-defined tokens, spaces escaped as "▁" with one
/// leading "▁" at the start and after a special token, then adjacent symbols (UTF-8 characters)
/// merged best score first (ties to the leftmost pair) while the pair is a token, and what is left
/// outside the vocabulary counted one token per UTF-8 byte (the &lt;0xXX&gt; byte fallback).
/// Thread-safe; the vocabulary is read-only once built.
/// </summary>
internal sealed class SpmCounter
{
    private const char Escape = '\u2581';
    private readonly Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _scores;
    private readonly string[] _userDefined;
    private readonly int _boundFactor;

    /// <summary>Builds the counter from token texts, their scores and types (4 marks a user-defined token).</summary>
    public SpmCounter(IReadOnlyList<string> tokens, IReadOnlyList<float> scores, IReadOnlyList<int> types, bool addBos, bool addEos, bool addSpacePrefix)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(types);
        var byText = new Dictionary<string, float>(tokens.Count, StringComparer.Ordinal);
        var userDefined = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            // llama.cpp's token_to_id keeps the last id of a text, so its score is the one merges see.
            byText[tokens[i]] = scores[i];
            if (types[i] == 4 && tokens[i].Length > 0)
            {
                userDefined.Add(tokens[i]);
            }
        }

        _scores = byText.GetAlternateLookup<ReadOnlySpan<char>>();

        // Each final symbol is one token or its UTF-8 bytes, so the count is at most the text's
        // bytes plus the leading "▁" when "▁" is a token; every space costs 3 when it is not, and a
        // user-defined token may be a single byte followed by a new leading "▁".
        _boundFactor = !byText.ContainsKey(Escape.ToString()) ? 3 : userDefined.Count > 0 ? 2 : 1;

        // llama.cpp partitions on its special tokens longest first.
        _userDefined = [.. userDefined.OrderByDescending(t => Encoding.UTF8.GetByteCount(t))];
        AddBos = addBos;
        AddEos = addEos;
        AddSpacePrefix = addSpacePrefix;
    }

    /// <summary>Whether a prompt starts with BOS.</summary>
    public bool AddBos { get; }

    /// <summary>Whether a prompt ends with EOS.</summary>
    public bool AddEos { get; }

    /// <summary>Whether text gets a leading "▁" at the start and after a special token.</summary>
    public bool AddSpacePrefix { get; }

    /// <summary>A cheap bound never below <see cref="Count"/> without special tokens: a multiple of the UTF-8 bytes.</summary>
    public long UpperBound(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : (_boundFactor * (long)(Encoding.UTF8.GetByteCount(text) + 1));

    /// <summary>Tokens of <paramref name="text"/> as <c>llama_tokenize(text, add_special, parse_special: false)</c> makes them.</summary>
    public int Count(ReadOnlySpan<char> text, bool addSpecial)
    {
        var count = addSpecial ? (AddBos ? 1 : 0) + (AddEos ? 1 : 0) : 0;
        if (text.IsEmpty)
        {
            return count;
        }

        if (_userDefined.Length == 0)
        {
            return count + CountFragment(text, AddSpacePrefix);
        }

        var fragments = new List<(int Start, int Length, bool Special)> { (0, text.Length, false) };
        foreach (var special in _userDefined)
        {
            fragments = Partition(text, fragments, special);
        }

        var previousSpecial = true;
        foreach (var (start, length, isSpecial) in fragments)
        {
            count += isSpecial ? 1 : CountFragment(text.Slice(start, length), AddSpacePrefix && previousSpecial);
            previousSpecial = isSpecial;
        }

        return count;
    }

    private static List<(int Start, int Length, bool Special)> Partition(ReadOnlySpan<char> text, List<(int Start, int Length, bool Special)> fragments, string special)
    {
        var next = new List<(int, int, bool)>(fragments.Count);
        foreach (var (start, length, isSpecial) in fragments)
        {
            if (isSpecial)
            {
                next.Add((start, length, true));
                continue;
            }

            var at = start;
            var end = start + length;
            while (at < end)
            {
                var found = text[at..end].IndexOf(special.AsSpan(), StringComparison.Ordinal);
                if (found < 0)
                {
                    break;
                }

                if (found > 0)
                {
                    next.Add((at, found, false));
                }

                next.Add((at + found, special.Length, true));
                at += found + special.Length;
            }

            if (at < end)
            {
                next.Add((at, end - at, false));
            }
        }

        return next;
    }

    private int CountFragment(ReadOnlySpan<char> raw, bool spacePrefix)
    {
        // The text llama.cpp tokenizes: " " before it when asked, every space as "▁", and lone
        // surrogates as U+FFFD (what the UTF-8 encoding of the prompt turns them into).
        var length = raw.Length + (spacePrefix ? 1 : 0);
        var text = length <= 1024 ? stackalloc char[length] : new char[length];
        var w = 0;
        if (spacePrefix)
        {
            text[w++] = Escape;
        }

        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == ' ')
            {
                c = Escape;
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]))
                {
                    text[w++] = c;
                    c = raw[++i];
                }
                else
                {
                    c = '\uFFFD';
                }
            }
            else if (char.IsLowSurrogate(c))
            {
                c = '\uFFFD';
            }

            text[w++] = c;
        }

        return new SpmSession(text, _scores).Count();
    }
}
