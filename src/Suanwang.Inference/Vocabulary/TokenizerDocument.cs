using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Suanwang.Inference.Vocabulary;

/// <summary>
/// The model's tokenizer as <c>GET /v1/suanwang/tokenizer</c> serves it: one JSON document, built
/// once, and the SHA-256 of its bytes, which the site publishes so a gateway fetches it once.
/// </summary>
public sealed class TokenizerDocument
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private TokenizerDocument(byte[] body)
    {
        Body = body;
        Digest = Convert.ToHexStringLower(SHA256.HashData(body));
    }

    /// <summary>The JSON document.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Body"/>.</summary>
    public string Digest { get; }

    /// <summary>The document of <paramref name="vocabulary"/> with the BOS flag llama.cpp uses and the chat template's allowance.</summary>
    public static TokenizerDocument Create(GgufVocabulary vocabulary, bool addBos, TemplateAllowance template)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(template);
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        using (var w = new Utf8JsonWriter(buffer, s_options))
        {
            w.WriteStartObject();
            w.WriteString("model", vocabulary.Model);
            w.WriteString("pre", vocabulary.Pre);
            w.WriteBoolean("add_bos", addBos);
            w.WriteBoolean("add_eos", vocabulary.AddEos);
            w.WriteBoolean("add_space_prefix", vocabulary.AddSpacePrefix);
            w.WriteStartObject("template");
            w.WriteNumber("tokens_per_message", template.TokensPerMessage);
            w.WriteNumber("tokens_per_request", template.TokensPerRequest);
            w.WriteEndObject();
            w.WriteStartArray("tokens");
            foreach (var token in vocabulary.Tokens)
            {
                w.WriteStringValue(token);
            }

            w.WriteEndArray();
            w.WriteStartArray("scores");
            foreach (var score in vocabulary.Scores)
            {
                w.WriteNumberValue(score);
            }

            w.WriteEndArray();
            w.WriteStartArray("token_types");
            foreach (var type in vocabulary.TokenTypes)
            {
                w.WriteNumberValue(type);
            }

            w.WriteEndArray();
            w.WriteStartArray("merges");
            foreach (var merge in vocabulary.Merges)
            {
                w.WriteStringValue(merge);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return new TokenizerDocument(buffer.WrittenSpan.ToArray());
    }
}
