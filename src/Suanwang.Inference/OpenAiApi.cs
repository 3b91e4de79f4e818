using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Suanwang.Inference.Api;
using Suanwang.Inference.Generation;

namespace Suanwang.Inference;

/// <summary>The OpenAI-compatible routes of the built-in model server, for any ASP.NET Core app.</summary>
public static class OpenAiApi
{
    /// <summary>
    /// Maps <c>GET /v1/models</c>, <c>GET /v1/models/{id}</c>, <c>GET /v1/suanwang/tokenizer</c>, <c>POST /v1/chat/completions</c>,
    /// <c>POST /v1/completions</c> and <c>POST /v1/embeddings</c> over <paramref name="runtime"/>;
    /// anything else under <c>/v1</c> gets a 404 in OpenAI's error body.
    /// </summary>
    public static RouteGroupBuilder MapOpenAiApi(this IEndpointRouteBuilder routes, ModelRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(runtime);
        var v1 = routes.MapGroup("/v1");
        v1.MapGet("/models", (HttpContext http) => GuardAsync(http, () => OpenAiJson.WriteAsync(http.Response, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            Model(w, runtime);
            w.WriteEndArray();
            w.WriteEndObject();
        }, http.RequestAborted)));
        v1.MapGet("/models/{**id}", (HttpContext http, string id) => GuardAsync(http, () => id == runtime.ModelId
            ? OpenAiJson.WriteAsync(http.Response, 200, w => Model(w, runtime), http.RequestAborted)
            : throw ApiError.ModelNotFound(id)));
        v1.MapGet("/suanwang/tokenizer", (HttpContext http) => GuardAsync(http, () => Tokenizer(http, runtime)));
        v1.MapPost("/chat/completions", (HttpContext http) => WithBodyAsync(http, runtime, ChatCompletions.HandleAsync));
        v1.MapPost("/completions", (HttpContext http) => WithBodyAsync(http, runtime, Completions.HandleAsync));
        v1.MapPost("/embeddings", (HttpContext http) => WithBodyAsync(http, runtime, Embeddings.HandleAsync));
        v1.Map("/{**rest}", (HttpContext http) => GuardAsync(http, () =>
            throw new ApiError(404, $"Unknown request URL: {http.Request.Method} {http.Request.Path}.", "invalid_request_error", null, "unknown_url")));
        return v1;
    }

    // The vocabulary once per gateway: the digest the site published names this exact body.
    private static async Task Tokenizer(HttpContext http, ModelRuntime runtime)
    {
        if (runtime.Tokenizer is not { } document)
        {
            throw new ApiError(404, $"Model '{runtime.ModelId}' publishes no tokenizer: its file's tokenizer could not be read.", "invalid_request_error", null, "tokenizer_not_found");
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = document.Body.Length;
        http.Response.Headers.ETag = $"\"{document.Digest}\"";
        http.Response.Headers["Suanwang-Tokenizer-Digest"] = document.Digest;
        await http.Response.Body.WriteAsync(document.Body, http.RequestAborted).ConfigureAwait(false);
    }

    private static void Model(Utf8JsonWriter w, ModelRuntime runtime)
    {
        w.WriteStartObject();
        w.WriteString("id", runtime.ModelId);
        w.WriteString("object", "model");
        w.WriteNumber("created", runtime.Created);
        w.WriteString("owned_by", "suanwang");
        w.WriteNumber("context_length", runtime.ContextLength);
        w.WriteEndObject();
    }

    private static Task WithBodyAsync(HttpContext http, ModelRuntime runtime, Func<HttpContext, ModelRuntime, JsonElement, Task> handler) =>
        GuardAsync(http, async () =>
        {
            using var body = await RequestBody.ReadAsync(http.Request, runtime.Options.MaxRequestBytes, http.RequestAborted).ConfigureAwait(false);
            await handler(http, runtime, body.RootElement).ConfigureAwait(false);
        });

    // Every failure a request can meet becomes OpenAI's error body, never a stack trace.
    private static async Task GuardAsync(HttpContext http, Func<Task> handler)
    {
        ApiError error;
        try
        {
            await handler().ConfigureAwait(false);
            return;
        }
        catch (ApiError e)
        {
            error = e;
        }
        catch (ServerBusyException e)
        {
            // 503 rather than 429: the server, not the caller's quota, is full, and a gateway may
            // try another endpoint at once.
            http.Response.Headers.RetryAfter = "1";
            error = new ApiError(503, e.Message, "server_error", null, "server_overloaded");
        }
        catch (BadHttpRequestException e)
        {
            error = new ApiError(e.StatusCode, e.Message, "invalid_request_error", null, e.StatusCode == 413 ? "request_too_large" : null);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (!http.Response.HasStarted)
        {
            await OpenAiJson.WriteErrorAsync(http.Response, error, http.RequestAborted).ConfigureAwait(false);
        }
    }
}
