using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Suanwang.Server.Gateway;

/// <summary>
/// What the gateway reads of an OpenAI request body: the model, whether it streams, its output cap,
/// and an upper bound of its prompt tokens without the model's tokenizer: the UTF-8 bytes of its
/// text (no byte-level BPE or SentencePiece tokenizer with byte fallback makes more tokens than
/// bytes) plus a per-message and a per-request allowance for the chat template.
/// </summary>
internal sealed class GatewayRequest
{
    private static readonly JsonDocumentOptions s_json = new() { MaxDepth = 32 };

    private GatewayRequest(JsonObject body, string model, bool stream, long? outputCap, long promptBound, ulong[] prefixBlocks)
    {
        Body = body;
        Model = model;
        Stream = stream;
        OutputCap = outputCap;
        PromptBound = promptBound;
        PrefixBlocks = prefixBlocks;
    }

    /// <summary>The parsed body.</summary>
    public JsonObject Body { get; }

    /// <summary>The model asked for.</summary>
    public string Model { get; }

    /// <summary>Whether the answer streams as server-sent events.</summary>
    public bool Stream { get; }

    /// <summary><c>max_completion_tokens</c> or <c>max_tokens</c>; null when neither is given.</summary>
    public long? OutputCap { get; }

    /// <summary>Upper bound of the prompt's tokens.</summary>
    public long PromptBound { get; }

    /// <summary>Chained hashes of the prompt's 2 KiB blocks, for prefix affinity.</summary>
    public ulong[] PrefixBlocks { get; }

    /// <summary>Parses and checks a body of <paramref name="kind"/> (chat, completions, embeddings); throws <see cref="GatewayError"/> naming the field.</summary>
    public static GatewayRequest Parse(ReadOnlyMemory<byte> bytes, GatewayRoute kind, int tokensPerMessage, int tokensPerRequest)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes.Span, documentOptions: s_json);
        }
        catch (JsonException ex)
        {
            throw GatewayError.Invalid(null, $"The body is not valid JSON: {ex.Message}", "invalid_json");
        }

        if (node is not JsonObject body)
        {
            throw GatewayError.Invalid(null, "The body must be a JSON object.", "invalid_json");
        }

        var model = body["model"] is JsonValue m && m.TryGetValue<string>(out var name) ? name : null;
        if (string.IsNullOrEmpty(model) || model.Length > 256)
        {
            throw GatewayError.Invalid("model", "'model' must be a string of 1 to 256 characters naming a model (GET /v1/models lists them).", body["model"] is null ? "missing_required_parameter" : "invalid_type");
        }

        var stream = false;
        if (body["stream"] is { } s)
        {
            if (s.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                throw GatewayError.Invalid("stream", "'stream' must be a boolean.", "invalid_type");
            }

            stream = s.GetValueKind() == JsonValueKind.True;
        }

        if (stream && kind == GatewayRoute.Embeddings)
        {
            throw GatewayError.Invalid("stream", "Embeddings do not stream.", "unsupported_parameter");
        }

        var cap = Cap(body, "max_completion_tokens") ?? Cap(body, "max_tokens");
        var text = new PromptText();
        long overhead = tokensPerRequest;
        switch (kind)
        {
            case GatewayRoute.Chat:
                if (body["messages"] is not JsonArray messages || messages.Count == 0)
                {
                    throw GatewayError.Invalid("messages", "'messages' must be a non-empty array of messages.", body["messages"] is null ? "missing_required_parameter" : "invalid_type");
                }

                for (var i = 0; i < messages.Count; i++)
                {
                    if (messages[i] is not JsonObject)
                    {
                        throw GatewayError.Invalid($"messages[{i}]", $"'messages[{i}]' must be an object.", "invalid_type");
                    }

                    text.Add(messages[i]);
                    overhead += tokensPerMessage;
                }

                break;
            case GatewayRoute.Completions:
                if (body["prompt"] is not { } prompt || prompt.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Array))
                {
                    throw GatewayError.Invalid("prompt", "'prompt' must be a string or an array of strings.", body["prompt"] is null ? "missing_required_parameter" : "invalid_type");
                }

                text.Add(prompt);
                break;
            default:
                if (body["input"] is not { } input || input.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Array))
                {
                    throw GatewayError.Invalid("input", "'input' must be a string or an array of strings or token arrays.", body["input"] is null ? "missing_required_parameter" : "invalid_type");
                }

                text.Add(input);
                break;
        }

        return new GatewayRequest(body, model, stream, kind == GatewayRoute.Embeddings ? 0 : cap, text.Bytes + text.Numbers + overhead, text.Blocks());
    }

    private static long? Cap(JsonObject body, string field)
    {
        if (body[field] is not { } value || value.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        if (value is not JsonValue v || !v.TryGetValue<long>(out var cap))
        {
            throw GatewayError.Invalid(field, $"'{field}' must be an integer.", "invalid_type");
        }

        if (cap < 1 || cap > 10_000_000)
        {
            throw GatewayError.Invalid(field, $"'{field}' is {cap}; it must be between 1 and 10000000.", cap < 1 ? "integer_below_min_value" : "integer_above_max_value");
        }

        return cap;
    }

    // The strings and numbers of the prompt: bytes bound string tokens, each number (a token id) is one.
    private sealed class PromptText
    {
        private const int BlockBytes = 2048;
        private readonly List<ulong> _blocks = [];
        private ulong _hash = 14695981039346656037UL;
        private int _inBlock;

        public long Bytes { get; private set; }

        public long Numbers { get; private set; }

        public void Add(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (_, child) in obj)
                    {
                        Add(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Add(child);
                    }

                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    var s = value.GetValue<string>();
                    Bytes += Encoding.UTF8.GetByteCount(s);
                    Hash(s);
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                    Numbers++;
                    break;
            }
        }

        public ulong[] Blocks() => [.. _blocks];

        // FNV-1a over the text, chained across blocks: block i's hash covers blocks 0..i.
        private void Hash(string s)
        {
            foreach (var c in s)
            {
                _hash = (_hash ^ c) * 1099511628211UL;
                if (++_inBlock == BlockBytes)
                {
                    _blocks.Add(_hash);
                    _inBlock = 0;
                }
            }
        }
    }
}
