using System.Buffers;
using System.Text.Json;

namespace Suanwang.Server.Gateway;

/// <summary>The usage an upstream reported for a request.</summary>
/// <param name="Prompt">Prompt tokens.</param>
/// <param name="Cached">Prompt tokens served from its cache.</param>
/// <param name="Completion">Output tokens.</param>
internal sealed record ReportedUsage(long Prompt, long Cached, long Completion)
{
    /// <summary>
    /// Reads an answer (a whole completion or one stream chunk) in one forward pass: its
    /// <c>usage</c> object if any, the UTF-8 bytes of its choices' text (<c>message.content</c>,
    /// else <c>text</c>), and whether its first choice carries text (<c>delta.content</c> or
    /// <c>text</c>, not empty). Throws <see cref="JsonException"/> when it is not JSON.
    /// </summary>
    public static Answer Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        reader.Read();
        var answer = new Answer();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return answer;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    answer.Usage = Usage(ref reader);
                }
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    Choices(ref reader, answer);
                }
            }
            else
            {
                reader.Read();
            }

            reader.Skip();
        }

        return answer;
    }

    private static ReportedUsage Usage(ref Utf8JsonReader reader)
    {
        long prompt = 0, cached = 0, completion = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                prompt = Integer(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                reader.Read();
                completion = Integer(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var isCached = reader.ValueTextEquals("cached_tokens"u8);
                        reader.Read();
                        if (isCached)
                        {
                            cached = Integer(ref reader);
                        }

                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
            }

            reader.Skip();
        }

        return new ReportedUsage(Math.Max(0, prompt), Math.Max(0, cached), Math.Max(0, completion));
    }

    private static long Integer(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : 0;

    private static void Choices(ref Utf8JsonReader reader, Answer answer)
    {
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                first = false;
                continue;
            }

            long content = -1, text = -1, delta = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("delta"u8))
                {
                    var isMessage = reader.ValueTextEquals("message"u8);
                    reader.Read();
                    var bytes = Content(ref reader);
                    if (isMessage)
                    {
                        content = bytes;
                    }
                    else
                    {
                        delta = bytes;
                    }
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    reader.Read();
                    text = StringBytes(ref reader);
                }
                else
                {
                    reader.Read();
                }

                reader.Skip();
            }

            answer.OutputBytes += content >= 0 ? content : Math.Max(0, text);
            if (first)
            {
                answer.FirstChoiceHasText = delta > 0 || text > 0;
            }

            first = false;
        }
    }

    // The UTF-8 bytes of an object's "content" string; -1 when the value is not an object or has no such string.
    private static long Content(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return -1;
        }

        long bytes = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isContent = reader.ValueTextEquals("content"u8);
            reader.Read();
            if (isContent)
            {
                bytes = StringBytes(ref reader);
            }

            reader.Skip();
        }

        return bytes;
    }

    // The UTF-8 bytes of a string once unescaped; -1 when the value is not a string.
    private static long StringBytes(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return -1;
        }

        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan.Length;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            return reader.CopyString(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>What <see cref="Read"/> found in an answer.</summary>
    internal sealed class Answer
    {
        /// <summary>The <c>usage</c> object, if the answer had one.</summary>
        public ReportedUsage? Usage { get; set; }

        /// <summary>UTF-8 bytes of the choices' text.</summary>
        public long OutputBytes { get; set; }

        /// <summary>Whether the first choice carries text.</summary>
        public bool FirstChoiceHasText { get; set; }
    }
}
