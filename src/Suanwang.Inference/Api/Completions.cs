using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Suanwang.Inference.Api;

// POST /v1/completions: a raw prompt, no template.
internal static class Completions
{
    public static async Task HandleAsync(HttpContext http, ModelRuntime runtime, JsonElement root)
    {
        GenerationParameters.CheckModel(root, runtime);
        var prompt = runtime.Tokenize(ReadPrompt(root), special: false);
        var parameters = GenerationParameters.Read(root, runtime, prompt, "prompt");
        Fields.Unsupported(root, "echo", v => v.ValueKind == JsonValueKind.False);
        Fields.Unsupported(root, "suffix", v => v.ValueKind == JsonValueKind.String && v.GetString()!.Length == 0);
        Fields.Unsupported(root, "best_of", v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var b) && b == 1);
        await CompletionResponder.RespondAsync(http, runtime, parameters, chat: false).ConfigureAwait(false);
    }

    // A string, or an array holding one string (one choice per request).
    private static string ReadPrompt(JsonElement root)
    {
        if (!root.TryGetProperty("prompt", out var prompt) || prompt.ValueKind == JsonValueKind.Null)
        {
            throw ApiError.Invalid("prompt", "Missing required parameter: 'prompt'.", "missing_required_parameter");
        }

        if (prompt.ValueKind == JsonValueKind.String)
        {
            return prompt.GetString()!;
        }

        if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() == 1 && prompt[0].ValueKind == JsonValueKind.String)
        {
            return prompt[0].GetString()!;
        }

        throw ApiError.Invalid("prompt", "Invalid 'prompt': expected a string (or an array of exactly one string).");
    }
}
