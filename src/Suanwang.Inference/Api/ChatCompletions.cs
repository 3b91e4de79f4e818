using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Suanwang.Inference.Api;

// POST /v1/chat/completions: messages rendered through the chat template, then generated.
internal static class ChatCompletions
{
    private const int MaxMessages = 4096;

    public static async Task HandleAsync(HttpContext http, ModelRuntime runtime, JsonElement root)
    {
        GenerationParameters.CheckModel(root, runtime);
        var messages = ReadMessages(root);
        var prompt = runtime.Tokenize(runtime.Template.Render(messages), special: true);
        var parameters = GenerationParameters.Read(root, runtime, prompt, "messages");
        Fields.Unsupported(root, "response_format", v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("type", out var t) && t.ValueEquals("text"));
        await CompletionResponder.RespondAsync(http, runtime, parameters, chat: true).ConfigureAwait(false);
    }

    private static List<TemplateMessage> ReadMessages(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            throw ApiError.Invalid("messages", "Missing required parameter: 'messages'.", "missing_required_parameter");
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() is 0 or > MaxMessages)
        {
            throw ApiError.Invalid("messages", $"Invalid 'messages': expected an array of 1 to {MaxMessages} messages.");
        }

        var messages = new List<TemplateMessage>(array.GetArrayLength());
        var index = 0;
        foreach (var message in array.EnumerateArray())
        {
            var at = $"messages[{index++}]";
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw ApiError.Invalid(at, $"Invalid '{at}': expected an object.", "invalid_type");
            }

            var role = Fields.RequiredString(message, "role", 32) switch
            {
                // llama.cpp's templates know system, user and assistant; developer is OpenAI's new name for system.
                "system" or "developer" => "system",
                "user" => "user",
                "assistant" => "assistant",
                var other => throw ApiError.Invalid($"{at}.role", $"Invalid '{at}.role': '{other}' is not one of system, developer, user, assistant."),
            };
            messages.Add(new TemplateMessage(role, Content(message, at)));
        }

        return messages;
    }

    // A string, or an array of text parts ({"type": "text", "text": ...}).
    private static string Content(JsonElement message, string at)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return "";
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw ApiError.Invalid($"{at}.content", $"Invalid type for '{at}.content': expected a string or an array of text parts.", "invalid_type");
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || !type.ValueEquals("text")
                || !part.TryGetProperty("text", out var value) || value.ValueKind != JsonValueKind.String)
            {
                throw ApiError.Invalid($"{at}.content", $"Invalid '{at}.content': this model server takes text parts only.");
            }

            text.Append(value.GetString());
        }

        return text.ToString();
    }
}
