using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Suanwang.Gateway.Bench;

/// <summary>
/// A fast fake OpenAI-compatible server on 127.0.0.1: every answer is a fixed, pre-serialised
/// body, so what a gateway in front of it costs is nearly all that is measured. It serves
/// <c>GET /v1/models</c>, <c>POST /v1/chat/completions</c> (a chat.completion with usage, or SSE
/// chunks ending in a usage chunk and <c>[DONE]</c> when the body asks <c>"stream": true</c>),
/// <c>POST /v1/completions</c> and <c>POST /v1/embeddings</c>.
/// </summary>
internal static class FakeUpstream
{
    /// <summary>The id of every chat completion it answers unless <c>--id</c> gives another, by which a relayed answer is recognised.</summary>
    public const string CompletionId = "chatcmpl-suanwang-fake-upstream";

    /// <summary>The assistant's text in every chat completion.</summary>
    public const string Content = "Hello from the fake upstream.";

    /// <summary>The line it prints on standard output once it listens, followed by its base URL.</summary>
    public const string ListeningLine = "fake upstream listening on ";

    private static readonly byte[] s_notFound = Encoding.UTF8.GetBytes(
        """{"error":{"message":"Unknown route.","type":"invalid_request_error","param":null,"code":"not_found"}}""");

    private static readonly byte[] s_streamKey = Encoding.UTF8.GetBytes("\"stream\"");

    /// <summary>Runs the server until Ctrl-C or, with <c>--exit-on-stdin-eof</c>, until standard input closes.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var port = 0;
        var model = "fake";
        var exitOnEof = false;
        var id = CompletionId;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length: port = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--model" when i + 1 < args.Length: model = args[++i]; break;
                case "--id" when i + 1 < args.Length: id = args[++i]; break;
                case "--exit-on-stdin-eof": exitOnEof = true; break;
                default:
                    await Console.Error.WriteLineAsync($"upstream: unknown option {args[i]}; usage: upstream [--port N] [--model NAME] [--id CHAT-COMPLETION-ID] [--exit-on-stdin-eof]");
                    return 2;
            }
        }

        var bodies = new Bodies(model, id);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port);
        });
        await using var app = builder.Build();
        app.Run(context => HandleAsync(context, bodies));
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"upstream: cannot listen on 127.0.0.1:{port}: {e.Message}");
            return 1;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(ListeningLine + address + "/v1");
        Console.Out.Flush();

        if (exitOnEof)
        {
            // The bench holds our standard input: when it exits, even by kill -9, we follow.
            await Task.WhenAny(Task.Run(() => Console.In.ReadToEnd()), app.WaitForShutdownAsync());
        }
        else
        {
            await app.WaitForShutdownAsync();
        }

        await app.StopAsync();
        return 0;
    }

    private static async Task HandleAsync(HttpContext context, Bodies bodies)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value;
        if (HttpMethods.IsPost(request.Method) && path == "/v1/chat/completions")
        {
            if (await AsksForStreamAsync(request.BodyReader, context.RequestAborted))
            {
                response.ContentType = "text/event-stream";
                response.Headers.CacheControl = "no-cache";
                foreach (var chunk in bodies.ChatChunks)
                {
                    await response.BodyWriter.WriteAsync(chunk, context.RequestAborted);
                }

                return;
            }

            await WriteAsync(response, 200, bodies.Chat, context.RequestAborted);
        }
        else if (HttpMethods.IsGet(request.Method) && path == "/v1/models")
        {
            await WriteAsync(response, 200, bodies.Models, context.RequestAborted);
        }
        else if (HttpMethods.IsPost(request.Method) && path == "/v1/completions")
        {
            await WriteAsync(response, 200, bodies.Completion, context.RequestAborted);
        }
        else if (HttpMethods.IsPost(request.Method) && path == "/v1/embeddings")
        {
            await WriteAsync(response, 200, bodies.Embedding, context.RequestAborted);
        }
        else
        {
            await WriteAsync(response, 404, s_notFound, context.RequestAborted);
        }
    }

    private static async Task WriteAsync(HttpResponse response, int status, byte[] body, CancellationToken cancel)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body, cancel);
    }

    /// <summary>Reads the whole body and says whether it holds <c>"stream"</c> followed by <c>true</c>.</summary>
    private static async Task<bool> AsksForStreamAsync(PipeReader reader, CancellationToken cancel)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancel);
            if (!read.IsCompleted)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                continue;
            }

            var buffer = read.Buffer;
            var stream = buffer.IsSingleSegment ? StreamFlag(buffer.FirstSpan) : StreamFlag(buffer.ToArray());
            reader.AdvanceTo(buffer.End);
            return stream;
        }
    }

    private static bool StreamFlag(ReadOnlySpan<byte> body)
    {
        var at = body.IndexOf(s_streamKey);
        if (at < 0)
        {
            return false;
        }

        var rest = body[(at + s_streamKey.Length)..].TrimStart(" \t\r\n:"u8);
        return rest.StartsWith("true"u8);
    }

    /// <summary>The answers, serialised once.</summary>
    private sealed class Bodies(string model, string id)
    {
        public byte[] Chat { get; } = Utf8(
            $$$$"""{"id":"{{{{id}}}}","object":"chat.completion","created":1700000000,"model":"{{{{model}}}}","system_fingerprint":"fp_fake","choices":[{"index":0,"message":{"role":"assistant","content":"{{{{Content}}}}","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}""");

        public byte[][] ChatChunks { get; } =
        [
            Chunk(model, id, """{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}""", "null"),
            Chunk(model, id, """{"index":0,"delta":{"content":"Hello from"},"logprobs":null,"finish_reason":null}""", "null"),
            Chunk(model, id, """{"index":0,"delta":{"content":" the fake upstream."},"logprobs":null,"finish_reason":null}""", "null"),
            Chunk(model, id, """{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}""", "null"),
            Utf8($$$"""data: {"id":"{{{id}}}","object":"chat.completion.chunk","created":1700000000,"model":"{{{model}}}","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""" + "\n\n"),
            Utf8("data: [DONE]\n\n"),
        ];

        public byte[] Models { get; } = Utf8(
            $$$"""{"object":"list","data":[{"id":"{{{model}}}","object":"model","created":1700000000,"owned_by":"suanwang-bench"}]}""");

        public byte[] Completion { get; } = Utf8(
            $$$"""{"id":"cmpl-suanwang-fake-upstream","object":"text_completion","created":1700000000,"model":"{{{model}}}","choices":[{"index":0,"text":" from the fake upstream.","logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":5,"total_tokens":10}}""");

        public byte[] Embedding { get; } = Utf8(
            $$$"""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0,0.1,0.2,0.3,0.4,0.5,0.6,0.7]}],"model":"{{{model}}}","usage":{"prompt_tokens":5,"total_tokens":5}}""");

        private static byte[] Chunk(string model, string id, string choice, string usage) => Utf8(
            $$$"""data: {"id":"{{{id}}}","object":"chat.completion.chunk","created":1700000000,"model":"{{{model}}}","choices":[{{{choice}}}],"usage":{{{usage}}}}""" + "\n\n");

        private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
    }
}
