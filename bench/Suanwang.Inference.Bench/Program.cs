// Tokens per second of the built-in model server, through HTTP with the OpenAI .NET SDK, at 1 and
// 8 concurrent streams (and any others asked for).
//
//   dotnet run -c Release --project bench/Suanwang.Inference.Bench -- [--model PATH] [--tokens N] [--rounds N] [--threads N] [--concurrency 1,8]
//
// The model is the tiny random Llama in shared/models (or $SUANWANG_MODELS) unless --model names
// another GGUF file. Each stream asks for exactly --tokens output tokens (256) at temperature 0.8;
// the server decodes them in one batch. Aggregate tokens/s = output tokens of all streams / wall
// time of the round; per-stream tokens/s = a stream's output tokens / its own time from request to
// last token, averaged; time to first token is the median over the streams.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using OpenAI;
using OpenAI.Chat;
using Suanwang.Inference;

var model = Environment.GetEnvironmentVariable("SUANWANG_MODELS") is { Length: > 0 } folder
    ? Path.Combine(folder, "llama-2-tiny-random.gguf")
    : FindUpward(Path.Combine("shared", "models", "llama-2-tiny-random.gguf"));
var tokens = 256;
var rounds = 3;
var threads = 2;
int[] levels = [1, 8];
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--model": model = args[i + 1]; break;
        case "--tokens": tokens = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--concurrency": levels = [.. args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

if (model is null || !File.Exists(model))
{
    Console.Error.WriteLine("no model: pass --model PATH, set SUANWANG_MODELS or put shared/models beside the repository");
    return 2;
}

await using var server = await ModelServer.StartAsync(
    new ModelServerOptions { ModelId = "bench", ModelPath = model, Capacity = levels.Max(), ContextLength = Math.Max(512, tokens + 64), Threads = threads },
    CancellationToken.None);
var chat = new ChatClient("bench", new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = server.Url, RetryPolicy = new ClientRetryPolicy(0) });
var options = new ChatCompletionOptions { MaxOutputTokenCount = tokens, Temperature = 0.8f };
Console.WriteLine($"model {Path.GetFileName(model)}, {tokens} output tokens per stream, {rounds} rounds per level, {threads} llama.cpp threads, {Environment.ProcessorCount} cores");
await StreamAsync(chat, options, 0);

Console.WriteLine("| streams | aggregate tokens/s | per-stream tokens/s | median TTFT ms |");
Console.WriteLine("|---:|---:|---:|---:|");
foreach (var level in levels)
{
    var best = (Aggregate: 0.0, PerStream: 0.0, Ttft: 0.0);
    for (var round = 0; round < rounds; round++)
    {
        var clock = Stopwatch.StartNew();
        var streams = await Task.WhenAll(Enumerable.Range(0, level).Select(i => StreamAsync(chat, options, i)));
        var wall = clock.Elapsed.TotalSeconds;
        var aggregate = streams.Sum(s => s.Tokens) / wall;
        if (aggregate > best.Aggregate)
        {
            var ttfts = streams.Select(s => s.TtftMs).Order().ToArray();
            best = (aggregate, streams.Average(s => s.Tokens / s.Seconds), ttfts[ttfts.Length / 2]);
        }
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {level} | {best.Aggregate:F0} | {best.PerStream:F0} | {best.Ttft:F1} |"));
}

return 0;

static async Task<(int Tokens, double Seconds, double TtftMs)> StreamAsync(ChatClient chat, ChatCompletionOptions options, int index)
{
    var clock = Stopwatch.StartNew();
    double? ttft = null;
    var tokens = 0;
    await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage($"Tell story number {index}.")], options))
    {
        if (ttft is null && update.ContentUpdate.Count > 0)
        {
            ttft = clock.Elapsed.TotalMilliseconds;
        }

        tokens = update.Usage?.OutputTokenCount ?? tokens;
    }

    return (tokens, clock.Elapsed.TotalSeconds, ttft ?? clock.Elapsed.TotalMilliseconds);
}

static string? FindUpward(string relative)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, relative);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    return null;
}
