using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Suanwang.Server.Gateway;

internal sealed partial class GatewayRequest
{
    // One pass over the body: the fields the gateway needs are noted, the prompt's strings fed to
    // text, everything else skipped. Checks come after, in Parse, in a fixed order.
    private static void Read(ReadOnlySpan<byte> body, GatewayRoute kind, Fields fields, PromptText text)
    {
        var reader = new Utf8JsonReader(body, s_json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            while (reader.Read())
            {
                // Anything after the value is invalid JSON: the reader throws.
            }

            return;
        }

        fields.IsObject = true;
        var prompt = PromptField(kind);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                fields.Once(Field.Model, "model");
                reader.Read();
                fields.ModelKind = reader.TokenType;
                if (reader.TokenType == JsonTokenType.String)
                {
                    fields.Model = reader.GetString();
                }
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                fields.Once(Field.Stream, "stream");
                reader.Read();
                fields.StreamKind = reader.TokenType;
            }
            else if (reader.ValueTextEquals("max_completion_tokens"u8))
            {
                fields.Once(Field.MaxCompletion, "max_completion_tokens");
                reader.Read();
                fields.MaxCompletion = Integer(ref reader);
            }
            else if (reader.ValueTextEquals("max_tokens"u8))
            {
                fields.Once(Field.MaxTokens, "max_tokens");
                reader.Read();
                fields.MaxTokens = Integer(ref reader);
            }
            else if (reader.ValueTextEquals("stream_options"u8))
            {
                fields.Once(Field.StreamOptions, "stream_options");
                reader.Read();
                fields.StreamUsage = UsageOption(ref reader);
            }
            else if (reader.ValueTextEquals(prompt))
            {
                fields.Once(Field.Prompt, PromptName(kind));
                reader.Read();
                fields.PromptKind = reader.TokenType;
                if (kind == GatewayRoute.Chat && reader.TokenType == JsonTokenType.StartArray)
                {
                    Messages(ref reader, fields, text);
                }
                else if (kind != GatewayRoute.Chat && reader.TokenType is JsonTokenType.String or JsonTokenType.StartArray)
                {
                    Walk(ref reader, text);
                }
            }
            else
            {
                reader.Read();
            }

            reader.Skip();
        }

        while (reader.Read())
        {
            // Anything after the object is invalid JSON: the reader throws.
        }
    }

    private static Number Integer(ref Utf8JsonReader reader) =>
        new(reader.TokenType, reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null);

    // stream_options: whether include_usage is true in it; the reader is left on its last token.
    private static StreamUsage UsageOption(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return StreamUsage.NotAsked;
        }

        var asked = StreamUsage.NotAsked;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var include = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (include)
            {
                asked = reader.TokenType == JsonTokenType.True ? StreamUsage.Asked : StreamUsage.NotAsked;
            }

            reader.Skip();
        }

        return asked;
    }

    // messages: counts them, notes the first that is not an object, feeds every string of the others.
    private static void Messages(ref Utf8JsonReader reader, Fields fields, PromptText text)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                Walk(ref reader, text);
            }
            else
            {
                fields.BadMessage ??= index;
                reader.Skip();
            }

            index++;
        }

        fields.Messages = index;
    }

    // Feeds every string value (not property names) and counts every number of the value the reader is on; leaves it on the value's last token.
    private static void Walk(ref Utf8JsonReader reader, PromptSink sink)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            Feed(ref reader, sink);
            return;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == depth))
        {
            Feed(ref reader, sink);
        }
    }

    private static void Feed(ref Utf8JsonReader reader, PromptSink sink)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            sink.Numbers++;
            return;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return;
        }

        if (!reader.ValueIsEscaped)
        {
            sink.String(reader.ValueSpan);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var length = reader.CopyString(buffer);
            sink.String(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [Flags]
    private enum Field
    {
        Model = 1,
        Stream = 2,
        MaxCompletion = 4,
        MaxTokens = 8,
        StreamOptions = 16,
        Prompt = 32,
    }

    private readonly record struct Number(JsonTokenType Kind, long? Value);

    private sealed class Fields
    {
        private Field _seen;

        public bool IsObject { get; set; }

        public string? Duplicate { get; private set; }

        public string? Model { get; set; }

        public JsonTokenType ModelKind { get; set; }

        public JsonTokenType StreamKind { get; set; }

        public Number MaxCompletion { get; set; }

        public Number MaxTokens { get; set; }

        public StreamUsage StreamUsage { get; set; }

        public JsonTokenType PromptKind { get; set; }

        public int Messages { get; set; }

        public int? BadMessage { get; set; }

        // A field the gateway reads that appears twice is refused: the upstream might read the other one.
        public void Once(Field field, string name)
        {
            if ((_seen & field) != 0)
            {
                Duplicate ??= name;
            }

            _seen |= field;
        }
    }

    private abstract class PromptSink
    {
        public long Numbers { get; set; }

        public abstract void String(ReadOnlySpan<byte> utf8);
    }

    // The bytes bound and the prefix blocks: FNV-1a over the UTF-8 of the strings, chained across blocks (block i's hash covers blocks 0..i).
    private sealed class PromptText : PromptSink
    {
        private const int BlockBytes = 2048;
        private List<ulong>? _blocks;
        private ulong _hash = 14695981039346656037UL;
        private int _inBlock;

        public long Bytes { get; private set; }

        public override void String(ReadOnlySpan<byte> utf8)
        {
            Bytes += utf8.Length;
            foreach (var b in utf8)
            {
                _hash = (_hash ^ b) * 1099511628211UL;
                if (++_inBlock == BlockBytes)
                {
                    (_blocks ??= []).Add(_hash);
                    _inBlock = 0;
                }
            }
        }

        public ulong[] Blocks() => _blocks is null ? [] : [.. _blocks];
    }

    // Tokens of the strings with one tokenizer, each string on its own.
    private sealed class TokenCount(PromptTokenizer tokenizer) : PromptSink
    {
        private long _chars;

        public long Tokens { get; private set; }

        public override void String(ReadOnlySpan<byte> utf8)
        {
            if (utf8.IsEmpty)
            {
                return;
            }

            var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8.Length));
            try
            {
                var length = Encoding.UTF8.GetChars(utf8, chars);
                _chars += length;
                Tokens += tokenizer.IsCostly && _chars > PromptTokenizer.ExactChars ? tokenizer.Bound(chars.AsSpan(0, length)) : tokenizer.Count(chars.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }
}
