using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Suanwang.Server.Tests.Gateway;

/// <summary>
/// An OpenAI-compatible server that answers at once: every prompt is <see cref="PromptTokens"/>
/// tokens, every answer <c>max_tokens</c> tokens ("t0 t1 ..."), or <see cref="DefaultTokens"/>
/// without a cap; a stream sends one chunk per token. It can be told to fail (500), to leave out
/// usage, or to wait for <see cref="Gate"/> after each streamed token.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    public const int PromptTokens = 10;
    public const int DefaultTokens = 5;

    private readonly WebApplication _app;
    private int _requests;

    private FakeUpstream(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    public string Url => _app.Urls.First() + "/v1";

    public bool Fail { get; set; }

    public bool ReportUsage { get; set; } = true;

    /// <summary>When set, a stream waits on it after each token it sends.</summary>
    public SemaphoreSlim? Gate { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The last request body it received.</summary>
    public JsonObject? LastBody { get; private set; }

    /// <summary>The names of the headers of the last request it received.</summary>
    public IReadOnlyList<string> LastHeaderNames { get; private set; } = [];

    public static async Task<FakeUpstream> StartAsync(string name = "fake")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeUpstream(app, name);
        app.MapPost("/v1/chat/completions", context => fake.AnswerAsync(context, chat: true));
        app.MapPost("/v1/completions", context => fake.AnswerAsync(context, chat: false));
        app.MapPost("/v1/embeddings", fake.EmbedAsync);
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = name, @object = "model" } } }));
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context, bool chat)
    {
        Interlocked.Increment(ref _requests);
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        LastBody = body;
        LastHeaderNames = [.. context.Request.Headers.Keys];
        if (Fail)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("{\"error\":{\"message\":\"broken\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
            return;
        }

        var tokens = body["max_tokens"]?.GetValue<int>() ?? body["max_completion_tokens"]?.GetValue<int>() ?? DefaultTokens;
        var model = body["model"]!.GetValue<string>();
        var usage = new { prompt_tokens = PromptTokens, completion_tokens = tokens, total_tokens = PromptTokens + tokens };
        if (body["stream"]?.GetValue<bool>() != true)
        {
            var text = string.Join(" ", Enumerable.Range(0, tokens).Select(i => $"t{i}"));
            object choice = chat
                ? new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "length" }
                : new { index = 0, text, finish_reason = "length" };
            await context.Response.WriteAsJsonAsync(ReportUsage
                ? new { id = "x", @object = chat ? "chat.completion" : "text_completion", created = 0, model, choices = new[] { choice }, usage }
                : (object)new { id = "x", @object = chat ? "chat.completion" : "text_completion", created = 0, model, choices = new[] { choice } });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var withUsage = body["stream_options"]?["include_usage"]?.GetValue<bool>() == true && ReportUsage;
        for (var i = 0; i < tokens; i++)
        {
            object delta = chat
                ? new { id = "x", @object = "chat.completion.chunk", created = 0, model, choices = new[] { new { index = 0, delta = new { content = $"t{i} " }, finish_reason = (string?)null } } }
                : new { id = "x", @object = "text_completion", created = 0, model, choices = new[] { new { index = 0, text = $"t{i} ", finish_reason = (string?)null } } };
            await WriteEventAsync(context, JsonSerializer.Serialize(delta));
            if (Gate is { } gate)
            {
                try
                {
                    await gate.WaitAsync(context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        if (withUsage)
        {
            await WriteEventAsync(context, JsonSerializer.Serialize(new { id = "x", @object = "chat.completion.chunk", created = 0, model, choices = Array.Empty<object>(), usage }));
        }

        await WriteEventAsync(context, "[DONE]");
    }

    private static async Task WriteEventAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    private async Task EmbedAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        await context.Response.WriteAsJsonAsync(new
        {
            @object = "list",
            data = new[] { new { @object = "embedding", index = 0, embedding = new[] { 0.5f, -0.5f } } },
            model = body["model"]!.GetValue<string>(),
            usage = new { prompt_tokens = PromptTokens, total_tokens = PromptTokens },
        });
    }
}
