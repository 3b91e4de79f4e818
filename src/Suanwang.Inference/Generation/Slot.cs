using System.Threading.Channels;
using LLama;
using LLama.Batched;
using LLama.Native;
using LLama.Sampling;

namespace Suanwang.Inference.Generation;

// One request in the decode loop: its conversation (a llama.cpp sequence), sampler, detokenizer and
// stop matcher. Touched only by the loop, except Cancel.
internal sealed class Slot : IDisposable
{
    private readonly GenerationRequest _request;
    private readonly Channel<string> _text = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<GenerationResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StopMatcher _stop;
    private Conversation? _conversation;
    private DefaultSamplingPipeline? _sampler;
    private StreamingTokenDecoder? _decoder;
    private int _fed;
    private int _generated;
    private volatile bool _cancelled;

    public Slot(GenerationRequest request)
    {
        _request = request;
        _stop = new StopMatcher(request.Stop);
        Handle = new GenerationHandle(_text.Reader, _done.Task, () => _cancelled = true);
    }

    public GenerationHandle Handle { get; }

    public bool IsCancelled => _cancelled;

    public bool PromptFed => _fed == _request.Prompt.Length;

    public bool RequiresInference => _conversation is { RequiresInference: true };

    public void Start(BatchedExecutor executor, StreamingTokenDecoder decoder)
    {
        _conversation = executor.Create();
        _decoder = decoder;
        _sampler = new DefaultSamplingPipeline
        {
            Temperature = _request.Temperature,
            TopP = _request.TopP,
            Seed = _request.Seed,
            PresencePenalty = _request.PresencePenalty,
            FrequencyPenalty = _request.FrequencyPenalty,
            // OpenAI's sampling has no repeat penalty, top-k or min-p unless asked for.
            RepeatPenalty = 1f,
            TopK = 0,
            MinP = 0f,
        };
    }

    // Queues the next chunk of the prompt (chunked prefill, so one long prompt does not stall the others).
    public void FeedPrompt(int chunk)
    {
        var length = Math.Min(chunk, _request.Prompt.Length - _fed);
        _conversation!.Prompt(_request.Prompt.AsSpan(_fed, length));
        _fed += length;
    }

    // Samples one token; true when the output is complete (the slot is then finished).
    public bool Step(SafeLlamaModelHandle.Vocabulary vocabulary)
    {
        var token = _conversation!.Sample(_sampler!);
        _generated++;
        if (token.IsEndOfGeneration(vocabulary))
        {
            Write(_stop.Flush());
            Finish(new GenerationResult("stop", _generated));
            return true;
        }

        _decoder!.Add(token);
        var (emit, stopped) = _stop.Push(_decoder.Read());
        Write(emit);
        if (stopped)
        {
            Finish(new GenerationResult("stop", _generated));
            return true;
        }

        if (_generated >= _request.MaxTokens)
        {
            Write(_stop.Flush());
            Finish(new GenerationResult("length", _generated));
            return true;
        }

        _conversation!.Prompt(token);
        return false;
    }

    public void Cancel() => Finish(new GenerationResult("cancelled", _generated));

    public void Fail(string error) => Finish(new GenerationResult("error", _generated, error));

    private void Write(string text)
    {
        if (text.Length > 0)
        {
            _text.Writer.TryWrite(text);
        }
    }

    // Frees the sequence (its KV cache) and tells the reader; only called when nothing of this
    // conversation waits in the executor's batch, so its sequence id can be reused at once.
    private void Finish(GenerationResult result)
    {
        Dispose();
        _text.Writer.TryComplete();
        _done.TrySetResult(result);
    }

    public void Dispose()
    {
        _conversation?.Dispose();
        _conversation = null;
        _sampler?.Dispose();
        _sampler = null;
    }
}
