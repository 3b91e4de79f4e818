using System.Text.Json;
using LLama.Native;
using Suanwang.Inference.Generation;

namespace Suanwang.Inference.Api;

// The fields chat and text completions share: output cap, sampling, stop, n and streaming.
internal sealed record GenerationParameters(GenerationRequest Request, bool Stream, bool IncludeUsage)
{
    public static void CheckModel(JsonElement root, ModelRuntime runtime)
    {
        var model = Fields.RequiredString(root, "model", 256);
        if (!string.Equals(model, runtime.ModelId, StringComparison.Ordinal))
        {
            throw ApiError.ModelNotFound(model);
        }
    }

    public static GenerationParameters Read(JsonElement root, ModelRuntime runtime, LLamaToken[] prompt, string promptParam)
    {
        var room = runtime.ContextLength - prompt.Length;
        if (room < 1)
        {
            throw ApiError.ContextExceeded(promptParam, $"This model's maximum context length is {runtime.ContextLength} tokens. However, your prompt is {prompt.Length} tokens, leaving no room for output.");
        }

        var capName = Fields.Has(root, "max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        var cap = Fields.Integer(root, capName, 1, int.MaxValue);
        if (cap > room)
        {
            throw ApiError.ContextExceeded(capName, $"This model's maximum context length is {runtime.ContextLength} tokens. However, you requested {prompt.Length + cap} tokens ({prompt.Length} in the prompt, {cap} for the output). Please reduce the length of the prompt or '{capName}'.");
        }

        var n = Fields.Integer(root, "n", 1, 128);
        if (n is > 1)
        {
            throw ApiError.Invalid("n", "Invalid 'n': this model server generates one choice per request (n = 1).");
        }

        var stream = Fields.Bool(root, "stream", false);
        var options = Fields.Object(root, "stream_options");
        if (options is not null && !stream)
        {
            throw ApiError.Invalid("stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }

        var includeUsage = options is { } o && Fields.Bool(o, "include_usage", false);
        var seed = Fields.Integer(root, "seed", long.MinValue, long.MaxValue);
        var request = new GenerationRequest(
            prompt,
            (int)(cap ?? room),
            (float)Fields.Number(root, "temperature", 1, 0, 2),
            (float)Fields.Number(root, "top_p", 1, 0, 1),
            // llama.cpp's seed is 32 bits (all ones means 'random'); without one each request draws its own.
            seed is { } s ? Math.Min(unchecked((uint)s ^ (uint)(s >> 32)), uint.MaxValue - 1) : (uint)Random.Shared.Next(),
            (float)Fields.Number(root, "presence_penalty", 0, -2, 2),
            (float)Fields.Number(root, "frequency_penalty", 0, -2, 2),
            Fields.Stop(root));
        Fields.Unsupported(root, "logprobs", v => v.ValueKind == JsonValueKind.False);
        Fields.Unsupported(root, "tools", v => v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 0);
        Fields.Unsupported(root, "logit_bias", v => v.ValueKind == JsonValueKind.Object && !v.EnumerateObject().Any());
        return new GenerationParameters(request, stream, includeUsage);
    }
}
