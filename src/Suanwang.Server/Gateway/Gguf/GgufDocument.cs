using System.Text.Json;

namespace Suanwang.Server.Gateway.Gguf;

/// <summary>Reads a built-in model server's tokenizer document (<c>GET /v1/suanwang/tokenizer</c>) into a prompt tokenizer.</summary>
internal static class GgufDocument
{
    /// <summary>Most tokens the gateway takes in one vocabulary.</summary>
    public const int MaxTokens = 512 * 1024;

    /// <summary>The tokenizer of <paramref name="body"/>; throws <see cref="InvalidDataException"/> for a document it cannot use (a kind other than SentencePiece, or a malformed one).</summary>
    public static PromptTokenizer Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
            var root = document.RootElement;
            var model = root.GetProperty("model").GetString();
            if (model != "llama")
            {
                throw new InvalidDataException($"tokenizer kind '{model}' is not counted here; only SentencePiece ('llama') is");
            }

            var tokens = Array<string>(root, "tokens", e => e.GetString() ?? throw new InvalidDataException("a token is null"));
            var scores = Array(root, "scores", e => e.GetSingle());
            var types = Array(root, "token_types", e => e.GetInt32());
            if (tokens.Length == 0 || scores.Length != tokens.Length || types.Length != tokens.Length)
            {
                throw new InvalidDataException("tokens, scores and token_types must be non-empty and of one length");
            }

            var template = root.GetProperty("template");
            var perMessage = template.GetProperty("tokens_per_message").GetInt32();
            var perRequest = template.GetProperty("tokens_per_request").GetInt32();
            if (perMessage is < 0 or > 1024 || perRequest is < 0 or > 1024)
            {
                throw new InvalidDataException("the template's allowances must be between 0 and 1024");
            }

            var counter = new SpmCounter(tokens, scores, types, root.GetProperty("add_bos").GetBoolean(), root.GetProperty("add_eos").GetBoolean(), root.GetProperty("add_space_prefix").GetBoolean());
            return new PromptTokenizer(counter, perMessage, perRequest);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"the tokenizer document is malformed: {e.Message}", e);
        }
    }

    private static T[] Array<T>(JsonElement root, string name, Func<JsonElement, T> read)
    {
        var array = root.GetProperty(name);
        var length = array.GetArrayLength();
        if (length > MaxTokens)
        {
            throw new InvalidDataException($"{name} has {length} entries; at most {MaxTokens} are taken");
        }

        var values = new T[length];
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            values[i++] = read(element);
        }

        return values;
    }
}
