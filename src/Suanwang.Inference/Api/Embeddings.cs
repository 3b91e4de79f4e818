using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Suanwang.Inference.Api;

// POST /v1/embeddings: mean-pooled embeddings of one string or an array of strings, as floats or
// as base64 of little-endian float32 (what OpenAI's SDKs ask for by default).
internal static class Embeddings
{
    private const int MaxInputs = 2048;

    public static async Task HandleAsync(HttpContext http, ModelRuntime runtime, JsonElement root)
    {
        GenerationParameters.CheckModel(root, runtime);
        var inputs = ReadInputs(root);
        var format = Fields.Has(root, "encoding_format") ? Fields.RequiredString(root, "encoding_format", 16) : "float";
        if (format is not ("float" or "base64"))
        {
            throw ApiError.Invalid("encoding_format", $"Invalid 'encoding_format': '{format}' is not one of float, base64.");
        }

        var dimensions = Fields.Integer(root, "dimensions", 1, int.MaxValue);
        if (dimensions is { } d && d != runtime.EmbeddingSize)
        {
            throw ApiError.Invalid("dimensions", $"Invalid 'dimensions': this model's embeddings have {runtime.EmbeddingSize} dimensions.");
        }

        var tokens = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var count = runtime.CountTokens(inputs[i]);
            if (count > runtime.ContextLength)
            {
                throw ApiError.ContextExceeded("input", $"Invalid 'input[{i}]': {count} tokens, more than this model's context of {runtime.ContextLength}.");
            }

            tokens += count;
        }

        var vectors = new List<float[]>(inputs.Count);
        foreach (var input in inputs)
        {
            vectors.Add(await runtime.EmbedAsync(input, http.RequestAborted).ConfigureAwait(false));
        }

        await OpenAiJson.WriteAsync(http.Response, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            for (var i = 0; i < vectors.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                if (format == "base64")
                {
                    w.WriteBase64String("embedding", MemoryMarshal.AsBytes(vectors[i].AsSpan()));
                }
                else
                {
                    w.WriteStartArray("embedding");
                    foreach (var value in vectors[i])
                    {
                        w.WriteNumberValue(value);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("model", runtime.ModelId);
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", tokens);
            w.WriteNumber("total_tokens", tokens);
            w.WriteEndObject();
            w.WriteEndObject();
        }, http.RequestAborted).ConfigureAwait(false);
    }

    private static List<string> ReadInputs(JsonElement root)
    {
        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            throw ApiError.Invalid("input", "Missing required parameter: 'input'.", "missing_required_parameter");
        }

        var inputs = new List<string>();
        if (input.ValueKind == JsonValueKind.String)
        {
            inputs.Add(input.GetString()!);
        }
        else if (input.ValueKind == JsonValueKind.Array && input.GetArrayLength() is > 0 and <= MaxInputs)
        {
            foreach (var item in input.EnumerateArray())
            {
                inputs.Add(item.ValueKind == JsonValueKind.String
                    ? item.GetString()!
                    : throw ApiError.Invalid("input", "Invalid 'input': this model server takes strings, not token arrays.", "invalid_type"));
            }
        }
        else
        {
            throw ApiError.Invalid("input", $"Invalid 'input': expected a string or an array of 1 to {MaxInputs} strings.");
        }

        if (inputs.Exists(s => s.Length == 0))
        {
            throw ApiError.Invalid("input", "Invalid 'input': an input must not be empty.");
        }

        return inputs;
    }
}
