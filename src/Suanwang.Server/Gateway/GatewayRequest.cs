using System.Text.Json;

namespace Suanwang.Server.Gateway;

/// <summary>
/// What the gateway reads of an OpenAI request body, in one forward pass (no tree is built): the
/// model, whether it streams, its output cap, whether it asks for the stream's usage chunk, and
/// the prompt's strings and token ids. The prompt's bound without a tokenizer is the UTF-8 bytes of
/// its strings (no byte-level BPE or SentencePiece tokenizer with byte fallback makes more tokens
/// than bytes) plus one per token id and the chat template's allowances; with a tokenizer
/// (<see cref="PromptTokens"/>) each string is counted with it instead, once per tokenizer.
/// </summary>
internal sealed partial class GatewayRequest
{
    private static readonly JsonReaderOptions s_json = new() { MaxDepth = 32 };
    private readonly Lock _counted = new();
    private (PromptTokenizer Tokenizer, long Tokens)[] _counts = [];

    private GatewayRequest(ReadOnlyMemory<byte> body, GatewayRoute kind, string model, bool stream, long? outputCap, StreamUsage streamUsage, PromptText text, long overhead, int messages)
    {
        Body = body;
        Kind = kind;
        Model = model;
        Stream = stream;
        OutputCap = outputCap;
        StreamUsageAsked = streamUsage;
        PromptBytes = text.Bytes;
        PromptNumbers = text.Numbers;
        TemplateTokens = overhead;
        MessageCount = messages;
        PrefixBlocks = text.Blocks();
    }

    /// <summary>What a request says of the stream's usage chunk (<c>stream_options.include_usage</c>).</summary>
    public enum StreamUsage
    {
        /// <summary>No <c>stream_options</c> at all.</summary>
        Absent,

        /// <summary><c>stream_options.include_usage</c> is true.</summary>
        Asked,

        /// <summary><c>stream_options</c> is there and does not ask for usage.</summary>
        NotAsked,
    }

    /// <summary>The body as the client sent it.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The route the body was sent to.</summary>
    public GatewayRoute Kind { get; }

    /// <summary>The model asked for.</summary>
    public string Model { get; }

    /// <summary>Whether the answer streams as server-sent events.</summary>
    public bool Stream { get; }

    /// <summary><c>max_completion_tokens</c> or <c>max_tokens</c>; null when neither is given.</summary>
    public long? OutputCap { get; }

    /// <summary>What the body says of the stream's usage chunk.</summary>
    public StreamUsage StreamUsageAsked { get; }

    /// <summary>UTF-8 bytes of the prompt's strings.</summary>
    public long PromptBytes { get; }

    /// <summary>Token ids in the prompt (each one token).</summary>
    public long PromptNumbers { get; }

    /// <summary>Tokens the chat template may add: once per request plus once per message.</summary>
    public long TemplateTokens { get; }

    /// <summary>Messages of a chat request (0 for the other routes).</summary>
    public int MessageCount { get; }

    /// <summary>Upper bound of the prompt's tokens without a tokenizer: bytes, token ids and the template's allowance.</summary>
    public long PromptBound => PromptBytes + PromptNumbers + TemplateTokens;

    /// <summary>Chained hashes of the prompt's 2 KiB blocks (of UTF-8), for prefix affinity.</summary>
    public ulong[] PrefixBlocks { get; }

    /// <summary>Parses and checks a body of <paramref name="kind"/> (chat, completions, embeddings); throws <see cref="GatewayError"/> naming the field.</summary>
    public static GatewayRequest Parse(ReadOnlyMemory<byte> bytes, GatewayRoute kind, int tokensPerMessage, int tokensPerRequest)
    {
        var fields = new Fields();
        var text = new PromptText();
        try
        {
            Read(bytes.Span, kind, fields, text);
        }
        catch (JsonException ex)
        {
            throw GatewayError.Invalid(null, $"The body is not valid JSON: {ex.Message}", "invalid_json");
        }
        catch (InvalidOperationException ex)
        {
            // A string that is not valid UTF-8 once unescaped.
            throw GatewayError.Invalid(null, $"The body is not valid JSON: {ex.Message}", "invalid_json");
        }

        if (!fields.IsObject)
        {
            throw GatewayError.Invalid(null, "The body must be a JSON object.", "invalid_json");
        }

        if (fields.Duplicate is { } twice)
        {
            throw GatewayError.Invalid(twice, $"'{twice}' is given more than once; give it once.", "duplicate_parameter");
        }

        var model = fields.Model;
        if (string.IsNullOrEmpty(model) || model.Length > 256)
        {
            throw GatewayError.Invalid("model", "'model' must be a string of 1 to 256 characters naming a model (GET /v1/models lists them).", fields.ModelKind is JsonTokenType.None or JsonTokenType.Null ? "missing_required_parameter" : "invalid_type");
        }

        if (fields.StreamKind is not (JsonTokenType.None or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
        {
            throw GatewayError.Invalid("stream", "'stream' must be a boolean.", "invalid_type");
        }

        var stream = fields.StreamKind == JsonTokenType.True;
        if (stream && kind == GatewayRoute.Embeddings)
        {
            throw GatewayError.Invalid("stream", "Embeddings do not stream.", "unsupported_parameter");
        }

        var cap = Cap(fields.MaxCompletion, "max_completion_tokens") ?? Cap(fields.MaxTokens, "max_tokens");
        long overhead = tokensPerRequest;
        switch (kind)
        {
            case GatewayRoute.Chat:
                if (fields.PromptKind != JsonTokenType.StartArray || fields.Messages == 0)
                {
                    throw GatewayError.Invalid("messages", "'messages' must be a non-empty array of messages.", fields.PromptKind is JsonTokenType.None or JsonTokenType.Null ? "missing_required_parameter" : "invalid_type");
                }

                if (fields.BadMessage is { } i)
                {
                    throw GatewayError.Invalid($"messages[{i}]", $"'messages[{i}]' must be an object.", "invalid_type");
                }

                overhead += (long)tokensPerMessage * fields.Messages;
                break;
            case GatewayRoute.Completions:
                if (fields.PromptKind is not (JsonTokenType.String or JsonTokenType.StartArray))
                {
                    throw GatewayError.Invalid("prompt", "'prompt' must be a string or an array of strings.", fields.PromptKind is JsonTokenType.None or JsonTokenType.Null ? "missing_required_parameter" : "invalid_type");
                }

                break;
            default:
                if (fields.PromptKind is not (JsonTokenType.String or JsonTokenType.StartArray))
                {
                    throw GatewayError.Invalid("input", "'input' must be a string or an array of strings or token arrays.", fields.PromptKind is JsonTokenType.None or JsonTokenType.Null ? "missing_required_parameter" : "invalid_type");
                }

                break;
        }

        return new GatewayRequest(bytes, kind, model, stream, kind == GatewayRoute.Embeddings ? 0 : cap, fields.StreamUsage, text, overhead, kind == GatewayRoute.Chat ? fields.Messages : 0);
    }

    /// <summary>
    /// Upper bound of the prompt's tokens with <paramref name="tokenizer"/>: each string counted with
    /// it, each token id one, plus the template's allowance (the model's own for a chat when the
    /// tokenizer carries one); counted once per tokenizer and request.
    /// </summary>
    public long PromptTokens(PromptTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer.IsBytes)
        {
            return PromptBound;
        }

        lock (_counted)
        {
            foreach (var (known, tokens) in _counts)
            {
                if (known == tokenizer)
                {
                    return tokens;
                }
            }
        }

        var counter = new TokenCount(tokenizer);
        var reader = new Utf8JsonReader(Body.Span, s_json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPrompt = reader.ValueTextEquals(PromptField(Kind));
            reader.Read();
            if (isPrompt)
            {
                Walk(ref reader, counter);
                break;
            }

            reader.Skip();
        }

        // A model that measured its own chat template says what it adds; otherwise the gateway's allowance.
        var template = Kind == GatewayRoute.Chat && tokenizer.Template is { } own ? own.PerRequest + ((long)own.PerMessage * MessageCount) : TemplateTokens;
        var total = counter.Tokens + PromptNumbers + template;
        lock (_counted)
        {
            _counts = [.. _counts, (tokenizer, total)];
        }

        return total;
    }

    private static ReadOnlySpan<byte> PromptField(GatewayRoute kind) => kind switch
    {
        GatewayRoute.Chat => "messages"u8,
        GatewayRoute.Completions => "prompt"u8,
        _ => "input"u8,
    };

    private static string PromptName(GatewayRoute kind) => kind switch
    {
        GatewayRoute.Chat => "messages",
        GatewayRoute.Completions => "prompt",
        _ => "input",
    };

    private static long? Cap(Number field, string name)
    {
        if (field.Kind is JsonTokenType.None or JsonTokenType.Null)
        {
            return null;
        }

        if (field.Kind != JsonTokenType.Number || field.Value is not { } cap)
        {
            throw GatewayError.Invalid(name, $"'{name}' must be an integer.", "invalid_type");
        }

        if (cap < 1 || cap > 10_000_000)
        {
            throw GatewayError.Invalid(name, $"'{name}' is {cap}; it must be between 1 and 10000000.", cap < 1 ? "integer_below_min_value" : "integer_above_max_value");
        }

        return cap;
    }
}
