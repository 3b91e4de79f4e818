using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Suanwang.Inference;
using Suanwang.Server.Gateway;
using Suanwang.Server.Gateway.Gguf;

namespace Suanwang.Tokenizer.Bench;

// The gateway's SentencePiece count against llama.cpp's: agreement, throughput (prompts/s, MB/s of
// text) and how much tighter a hold is than the UTF-8 byte bound, over the prompts in
// tests/data/prompts and every paragraph of the docs.
// dotnet run -c Release --project bench/Suanwang.Tokenizer.Bench -- [--model PATH] [--seconds N]
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = RepositoryRoot();
        var model = Option(args, "--model") ?? Path.Combine(root, "..", "shared", "models", "llama-2-tiny-random.gguf");
        var seconds = double.Parse(Option(args, "--seconds") ?? "5", CultureInfo.InvariantCulture);
        await using var runtime = await ModelRuntime.LoadAsync(new ModelServerOptions { ModelId = "bench", ModelPath = model, Capacity = 1, ContextLength = 4096, Threads = 1 }, CancellationToken.None);
        var document = runtime.Tokenizer ?? throw new InvalidOperationException("the model publishes no tokenizer");
        var tokenizer = GgufDocument.Parse(document.Body);
        var (perMessage, perRequest) = tokenizer.Template!.Value;
        var prompts = File.ReadLines(Path.Combine(root, "tests", "data", "prompts", "prompts.jsonl")).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("prompt").GetString()!).ToList();
        var paragraphs = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Append(Path.Combine(root, "README.md"))
            .Order(StringComparer.Ordinal).SelectMany(f => File.ReadAllText(f).Split("\n\n")).Where(p => p.Trim().Length > 0).ToList();
        var corpus = prompts.Concat(paragraphs).ToList();

        Console.WriteLine($"model {Path.GetFileName(model)}: {document.Body.Length:N0}-byte tokenizer document, template allowance {perMessage} a message + {perRequest} a request; {Environment.ProcessorCount} CPUs, load {Load()}");
        var disagreements = corpus.Count(t => tokenizer.Count(t) != runtime.CountTokens(t, addSpecial: false));
        Console.WriteLine($"corpus: {prompts.Count} prompts + {paragraphs.Count} doc paragraphs, {corpus.Sum(t => Encoding.UTF8.GetByteCount(t)):N0} bytes; gateway and llama.cpp disagree on {disagreements}");

        Throughput("gateway SentencePiece count", corpus, seconds, t => tokenizer.Count(t));
        Throughput("llama.cpp (LLamaSharp) tokenize", corpus, seconds, t => runtime.CountTokens(t, addSpecial: false));
        Throughput("UTF-8 byte bound", corpus, seconds, t => Encoding.UTF8.GetByteCount(t));

        Tightness("prompts", prompts, tokenizer, runtime, perMessage, perRequest);
        Tightness("doc paragraphs", paragraphs, tokenizer, runtime, perMessage, perRequest);
        return disagreements == 0 ? 0 : 1;
    }

    private static void Throughput(string what, List<string> corpus, double seconds, Func<string, int> count)
    {
        var bytes = corpus.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
        long texts = 0, done = 0, sink = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var text in corpus)
            {
                sink += count(text);
            }

            texts += corpus.Count;
            done += bytes;
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{what}: {texts / elapsed:N0} texts/s, {done / elapsed / 1e6:N1} MB/s on one thread");
        GC.KeepAlive(sink);
    }

    // A single-message chat per text: the hold's prompt bound with the byte count (and the gateway's
    // 8 + 16 allowance) over the bound with the model's own count (and its measured allowance), and
    // that bound over what the model server really counts for the chat.
    private static void Tightness(string what, List<string> texts, PromptTokenizer tokenizer, ModelRuntime runtime, int perMessage, int perRequest)
    {
        var byBytes = new List<double>();
        var overServed = new List<double>();
        long bytesTotal = 0, ggufTotal = 0, servedTotal = 0, stringBytes = 0, stringTokens = 0;
        foreach (var text in texts)
        {
            var bytesBound = Encoding.UTF8.GetByteCount("user") + Encoding.UTF8.GetByteCount(text) + 8 + 16;
            var ggufBound = tokenizer.Count("user") + tokenizer.Count(text) + perMessage + perRequest;
            var served = runtime.CountChatTokens([("user", text)]);
            byBytes.Add((double)bytesBound / ggufBound);
            overServed.Add((double)ggufBound / served);
            bytesTotal += bytesBound;
            ggufTotal += ggufBound;
            servedTotal += served;
            stringBytes += Encoding.UTF8.GetByteCount(text);
            stringTokens += tokenizer.Count(text);
        }

        byBytes.Sort();
        overServed.Sort();
        Console.WriteLine($"{what} ({texts.Count}): text bytes/tokens {(double)stringBytes / stringTokens:F2}; chat hold bytes-bound/gguf-bound {(double)bytesTotal / ggufTotal:F2} overall, p10 {P(byBytes, 0.1):F2} p50 {P(byBytes, 0.5):F2} p90 {P(byBytes, 0.9):F2}; gguf-bound/served {(double)ggufTotal / servedTotal:F2} overall, max {overServed[^1]:F2}, min {overServed[0]:F2}");
    }

    private static double P(List<double> sorted, double q) => sorted[(int)Math.Min(sorted.Count - 1, q * sorted.Count)];

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Suanwang.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Suanwang.slnx above {AppContext.BaseDirectory}");
    }
}
