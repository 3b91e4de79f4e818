using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Suanwang.Inference.Generation;

namespace Suanwang.Inference.Api;

// Runs one generation and answers it as a chat or a text completion, whole or as server-sent events
// (a role chunk, one chunk per piece of text, a finish chunk, the usage chunk when asked, [DONE]).
internal static class CompletionResponder
{
    public static async Task RespondAsync(HttpContext http, ModelRuntime runtime, GenerationParameters parameters, bool chat)
    {
        var aborted = http.RequestAborted;
        var handle = await runtime.GenerateAsync(parameters.Request, aborted).ConfigureAwait(false);
        // A client that goes away ends its generation at the next step, which frees its slot.
        using var registration = aborted.Register(handle.Cancel);
        var id = (chat ? "chatcmpl-" : "cmpl-") + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var shape = new Shape(id, created, runtime.ModelId, chat, parameters.Request.Prompt.Length);
        if (parameters.Stream)
        {
            await StreamAsync(http.Response, handle, shape, parameters.IncludeUsage, aborted).ConfigureAwait(false);
        }
        else
        {
            await WholeAsync(http.Response, handle, shape, aborted).ConfigureAwait(false);
        }
    }

    private static async Task WholeAsync(HttpResponse response, GenerationHandle handle, Shape shape, CancellationToken aborted)
    {
        var text = new StringBuilder();
        await foreach (var piece in handle.Text.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            text.Append(piece);
        }

        var result = await handle.Completion.ConfigureAwait(false);
        if (result.FinishReason == "cancelled")
        {
            return;
        }

        if (result.FinishReason == "error")
        {
            await OpenAiJson.WriteErrorAsync(response, new ApiError(result.Error ?? "generation failed"), aborted).ConfigureAwait(false);
            return;
        }

        var content = text.ToString();
        await OpenAiJson.WriteAsync(response, 200, w =>
        {
            w.WriteStartObject();
            shape.Header(w, whole: true);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            if (shape.Chat)
            {
                w.WriteStartObject("message");
                w.WriteString("role", "assistant");
                w.WriteString("content", content);
                w.WriteNull("refusal");
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("text", content);
            }

            w.WriteNull("logprobs");
            w.WriteString("finish_reason", result.FinishReason);
            w.WriteEndObject();
            w.WriteEndArray();
            OpenAiJson.Usage(w, shape.PromptTokens, result.CompletionTokens);
            w.WriteEndObject();
        }, aborted).ConfigureAwait(false);
    }

    private static async Task StreamAsync(HttpResponse response, GenerationHandle handle, Shape shape, bool includeUsage, CancellationToken aborted)
    {
        OpenAiJson.StartStream(response);
        try
        {
            if (shape.Chat)
            {
                await OpenAiJson.WriteEventAsync(response, w => shape.Chunk(w, "", role: true, finishReason: null), aborted).ConfigureAwait(false);
            }
            else
            {
                await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            }

            await foreach (var piece in handle.Text.ReadAllAsync(aborted).ConfigureAwait(false))
            {
                await OpenAiJson.WriteEventAsync(response, w => shape.Chunk(w, piece, role: false, finishReason: null), aborted).ConfigureAwait(false);
            }

            var result = await handle.Completion.ConfigureAwait(false);
            if (result.FinishReason == "error")
            {
                var error = new ApiError(result.Error ?? "generation failed");
                await OpenAiJson.WriteEventAsync(response, w => OpenAiJson.Error(w, error), aborted).ConfigureAwait(false);
                return;
            }

            await OpenAiJson.WriteEventAsync(response, w => shape.Chunk(w, null, role: false, finishReason: result.FinishReason), aborted).ConfigureAwait(false);
            if (includeUsage)
            {
                await OpenAiJson.WriteEventAsync(response, w => shape.UsageChunk(w, result.CompletionTokens), aborted).ConfigureAwait(false);
            }

            await OpenAiJson.WriteDoneAsync(response, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; the registration has cancelled the generation.
        }
        catch (IOException) when (aborted.IsCancellationRequested)
        {
            // Likewise, seen as a failed write.
        }
    }

    private sealed record Shape(string Id, long Created, string Model, bool Chat, int PromptTokens)
    {
        public void Header(Utf8JsonWriter w, bool whole)
        {
            w.WriteString("id", Id);
            w.WriteString("object", Chat ? (whole ? "chat.completion" : "chat.completion.chunk") : "text_completion");
            w.WriteNumber("created", Created);
            w.WriteString("model", Model);
        }

        public void Chunk(Utf8JsonWriter w, string? text, bool role, string? finishReason)
        {
            w.WriteStartObject();
            Header(w, whole: false);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            if (Chat)
            {
                w.WriteStartObject("delta");
                if (role)
                {
                    w.WriteString("role", "assistant");
                }

                if (text is not null)
                {
                    w.WriteString("content", text);
                }

                w.WriteEndObject();
            }
            else
            {
                w.WriteString("text", text ?? "");
            }

            w.WriteNull("logprobs");
            OpenAiJson.WriteNullable(w, "finish_reason", finishReason);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        public void UsageChunk(Utf8JsonWriter w, int completionTokens)
        {
            w.WriteStartObject();
            Header(w, whole: false);
            w.WriteStartArray("choices");
            w.WriteEndArray();
            OpenAiJson.Usage(w, PromptTokens, completionTokens);
            w.WriteEndObject();
        }
    }
}
