using Microsoft.ML.Tokenizers;
using Suanwang.Server.Gateway.Gguf;

namespace Suanwang.Server.Gateway;

/// <summary>
/// How the gateway bounds a prompt's tokens for an endpoint: <c>bytes</c> (the UTF-8 bytes, an
/// upper bound for any byte-level BPE or byte-fallback tokenizer), a tiktoken vocabulary
/// (<c>cl100k</c>, <c>o200k</c>), loaded on first use and shared, or a built-in model's own
/// SentencePiece vocabulary (<c>gguf</c>) with its chat template's allowance.
/// </summary>
internal sealed class PromptTokenizer
{
    private readonly Lazy<Tokenizer>? _tokenizer;
    private readonly SpmCounter? _spm;

    private PromptTokenizer(string name, string? encoding)
    {
        Name = name;
        _tokenizer = encoding is null ? null : new Lazy<Tokenizer>(() => TiktokenTokenizer.CreateForEncoding(encoding), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A model's own SentencePiece vocabulary, with the tokens its chat template adds.</summary>
    public PromptTokenizer(SpmCounter spm, int tokensPerMessage, int tokensPerRequest)
    {
        Name = "gguf";
        _spm = spm;
        Template = (tokensPerMessage, tokensPerRequest);
    }

    /// <summary>
    /// Characters of one request counted exactly with a model's own vocabulary (about 0.15 s of one
    /// core); the strings past them are bounded from their bytes (<see cref="Bound"/>), so a 4 MiB
    /// prompt cannot hold a core for seconds.
    /// </summary>
    public const int ExactChars = 256 * 1024;

    /// <summary>The UTF-8 byte bound.</summary>
    public static PromptTokenizer Bytes { get; } = new("bytes", null);

    /// <summary>OpenAI's cl100k_base vocabulary (GPT-4, GPT-3.5, many open models' tiktoken ports).</summary>
    public static PromptTokenizer Cl100k { get; } = new("cl100k", "cl100k_base");

    /// <summary>OpenAI's o200k_base vocabulary (GPT-4o and later).</summary>
    public static PromptTokenizer O200k { get; } = new("o200k", "o200k_base");

    /// <summary>The name an endpoint publishes.</summary>
    public string Name { get; }

    /// <summary>Whether this is the byte bound (no vocabulary).</summary>
    public bool IsBytes => _tokenizer is null && _spm is null;

    /// <summary>Tokens a chat template adds per message and once per request, when the model says (null: the gateway's own allowance).</summary>
    public (int PerMessage, int PerRequest)? Template { get; }

    /// <summary>Whether counting is slow enough to need <see cref="ExactChars"/> (a model's own vocabulary).</summary>
    public bool IsCostly => _spm is not null;

    /// <summary>A cheap bound never below <see cref="Count"/>: the model's byte multiple, or the count itself for the others.</summary>
    public long Bound(ReadOnlySpan<char> text) => _spm is not null ? _spm.UpperBound(text) : Count(text);

    /// <summary>Tokens of <paramref name="text"/> (its UTF-8 bytes for <see cref="Bytes"/>).</summary>
    public int Count(ReadOnlySpan<char> text) =>
        _spm is not null ? _spm.Count(text, addSpecial: false)
        : _tokenizer is null ? System.Text.Encoding.UTF8.GetByteCount(text) : _tokenizer.Value.CountTokens(text);
}
