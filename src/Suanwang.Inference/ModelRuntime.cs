using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;
using Suanwang.Inference.Generation;
using Suanwang.Inference.Vocabulary;

namespace Suanwang.Inference;

/// <summary>
/// A GGUF model loaded through llama.cpp with its batched decoder and embedder: what the OpenAI
/// routes (<see cref="OpenAiApi.MapOpenAiApi"/>) serve.
/// </summary>
public sealed class ModelRuntime : IAsyncDisposable
{
    // The trained context of large models (128 k) would make every slot's KV cache huge; a server
    // that wants more says so with ContextLength.
    private const int DefaultContextCap = 4096;

    private readonly LLamaWeights _weights;
    private readonly BatchScheduler _scheduler;
    private readonly SemaphoreSlim _embedGate = new(1, 1);
    private readonly ModelParams _embedParams;
    private LLamaEmbedder? _embedder;

    private ModelRuntime(ModelServerOptions options, LLamaWeights weights, int contextLength)
    {
        Options = options;
        _weights = weights;
        ContextLength = contextLength;
        Template = ChatTemplate.For(weights);
        var decodeParams = new ModelParams(options.ModelPath)
        {
            // Each sequence gets its own ContextLength of KV cache (not unified), so one long request
            // cannot take another's room.
            ContextSize = checked((uint)(contextLength * options.Capacity)),
            SeqMax = checked((uint)options.Capacity),
            KVUnified = false,
            BatchSize = checked((uint)options.BatchSize),
            UBatchSize = checked((uint)options.BatchSize),
            Threads = options.Threads,
            BatchThreads = options.Threads,
            GpuLayerCount = options.GpuLayers,
        };
        _embedParams = new ModelParams(options.ModelPath)
        {
            ContextSize = checked((uint)contextLength),
            BatchSize = checked((uint)contextLength),
            UBatchSize = checked((uint)contextLength),
            Embeddings = true,
            PoolingType = LLamaPoolingType.Mean,
            Threads = options.Threads,
            BatchThreads = options.Threads,
            GpuLayerCount = options.GpuLayers,
        };
        _scheduler = new BatchScheduler(weights, decodeParams, options.Capacity, options.QueueLimit, options.BatchSize);
        Tokenizer = ReadTokenizer(options);
    }

    /// <summary>How it was loaded.</summary>
    public ModelServerOptions Options { get; }

    /// <summary>The public model id.</summary>
    public string ModelId => Options.ModelId;

    /// <summary>Tokens one request may use, prompt and output together.</summary>
    public int ContextLength { get; }

    /// <summary>Requests decoded together.</summary>
    public int Capacity => Options.Capacity;

    /// <summary>Dimensions of an embedding.</summary>
    public int EmbeddingSize => _weights.EmbeddingSize;

    /// <summary>When the model was loaded, as Unix seconds (the <c>created</c> of <c>/v1/models</c>).</summary>
    public long Created { get; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>Requests being decoded now.</summary>
    public int Active => _scheduler.Active;

    /// <summary>Requests waiting for a slot.</summary>
    public int Queued => _scheduler.Queued;

    /// <summary>Requests ended because their client went away, since the start.</summary>
    public long Cancelled => _scheduler.Cancelled;

    /// <summary>Most requests decoded together in one step, since the start.</summary>
    public int LargestBatch => _scheduler.LargestBatch;

    /// <summary>The model's tokenizer as <c>GET /v1/suanwang/tokenizer</c> serves it; null when the file's tokenizer cannot be read within the bounds.</summary>
    public TokenizerDocument? Tokenizer { get; }

    internal ChatTemplate Template { get; }

    /// <summary>Loads the model and starts its decode loop.</summary>
    public static async Task<ModelRuntime> LoadAsync(ModelServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        NativeBackend.Configure(options.Log);
        var weights = await LLamaWeights.LoadFromFileAsync(new ModelParams(options.ModelPath) { GpuLayerCount = options.GpuLayers }, cancellationToken).ConfigureAwait(false);
        try
        {
            var context = options.ContextLength > 0 ? options.ContextLength : Math.Min(weights.ContextSize, DefaultContextCap);
            if (context > weights.ContextSize)
            {
                throw new ArgumentException($"context length {context} is longer than the model's trained context of {weights.ContextSize} tokens", nameof(options));
            }

            options.Log?.Invoke($"model {options.ModelId}: {Path.GetFileName(options.ModelPath)}, {weights.ParameterCount:N0} parameters, context {context} tokens per request, capacity {options.Capacity}; {NativeBackend.Describe()}");
            return new ModelRuntime(options, weights, context);
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    /// <summary>The model's tokens for <paramref name="text"/>, as a prompt is counted (with the model's BOS when it uses one).</summary>
    public int CountTokens(string text) => Tokenize(text, special: false).Length;

    /// <summary>The model's tokens for <paramref name="text"/> as llama.cpp makes them: with BOS (and EOS) when <paramref name="addSpecial"/> and the model uses them, special tokens' text as plain text.</summary>
    public int CountTokens(string text, bool addSpecial) => _weights.Tokenize(text, addSpecial, false, Encoding.UTF8).Length;

    /// <summary>The tokens of a chat request's prompt: <paramref name="messages"/> (role, content) rendered through the model's chat template, as the chat route counts them.</summary>
    public int CountChatTokens(IReadOnlyList<(string Role, string Content)> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return Tokenize(Template.Render([.. messages.Select(m => new TemplateMessage(m.Role, m.Content))]), special: true).Length;
    }

    internal LLamaToken[] Tokenize(string text, bool special) =>
        _weights.Tokenize(text, _weights.Vocab.ShouldAddBOS, special, Encoding.UTF8);

    internal StreamingTokenDecoder CreateDecoder() => new(Encoding.UTF8, _weights);

    internal ValueTask<GenerationHandle> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken) =>
        _scheduler.SubmitAsync(request, cancellationToken);

    internal async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        await _embedGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _embedder ??= new LLamaEmbedder(_weights, _embedParams);
            var vectors = await _embedder.GetEmbeddings(text, cancellationToken).ConfigureAwait(false);
            return vectors[0];
        }
        finally
        {
            _embedGate.Release();
        }
    }

    /// <summary>Stops the decode loop, ending the requests in flight, and frees the model.</summary>
    public async ValueTask DisposeAsync()
    {
        await _scheduler.DisposeAsync().ConfigureAwait(false);
        await _embedGate.WaitAsync().ConfigureAwait(false);
        _embedder?.Dispose();
        _embedGate.Dispose();
        _weights.Dispose();
    }

    private TokenizerDocument? ReadTokenizer(ModelServerOptions options)
    {
        GgufVocabulary vocabulary;
        try
        {
            vocabulary = GgufVocabulary.Read(options.ModelPath);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            options.Log?.Invoke($"model {options.ModelId}: its tokenizer is not published ({e.Message}); gateways count its prompts in bytes");
            return null;
        }

        var allowance = TemplateProbe.Measure(m => Tokenize(Template.Render(m), special: true).Length, s => CountTokens(s, addSpecial: false));
        return TokenizerDocument.Create(vocabulary, _weights.Vocab.ShouldAddBOS, allowance);
    }

    private static void Validate(ModelServerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ModelId) || options.ModelId.Length > 256 || options.ModelId.Any(char.IsControl))
        {
            throw new ArgumentException("the model id must be 1 to 256 printable characters", nameof(options));
        }

        if (!File.Exists(options.ModelPath))
        {
            throw new FileNotFoundException($"no model file at {options.ModelPath}", options.ModelPath);
        }

        if (options.Capacity is < 1 or > 256 || options.QueueLimit is < 0 or > 100_000 || options.Threads is < 1 or > 1024
            || options.BatchSize is < 1 or > 65_536 || options.ContextLength < 0 || options.MaxRequestBytes < 1024)
        {
            throw new ArgumentException("capacity 1..256, queue limit 0..100000, threads 1..1024, batch size 1..65536, context length >= 0 and a request limit of at least 1 KiB", nameof(options));
        }
    }
}
