using System.Threading.Channels;
using LLama;
using LLama.Abstractions;
using LLama.Batched;
using LLama.Native;

namespace Suanwang.Inference.Generation;

// Continuous batching over LLamaSharp's BatchedExecutor: one loop owns the executor; every step it
// admits waiting requests into free slots (llama.cpp sequences), queues prompt chunks and the last
// sampled token of every running request into one batch, decodes it once, and samples each request
// from its own logits. A request that ends frees its slot for the next step.
internal sealed class BatchScheduler : IAsyncDisposable
{
    private readonly LLamaWeights _weights;
    private readonly IContextParams _contextParams;
    private readonly int _capacity;
    private readonly int _queueLimit;
    private readonly int _batchSize;
    private readonly Channel<Slot> _queue = Channel.CreateUnbounded<Slot>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _queued;
    private int _active;
    private long _cancelled;
    private int _largestBatch;

    public BatchScheduler(LLamaWeights weights, IContextParams contextParams, int capacity, int queueLimit, int batchSize)
    {
        _weights = weights;
        _contextParams = contextParams;
        _capacity = capacity;
        _queueLimit = queueLimit;
        _batchSize = batchSize;
        // The executor's context is created on the loop, so a failure to create it fails requests, not the caller.
        _loop = Task.Run(LoopAsync);
    }

    public int Active => Volatile.Read(ref _active);

    public int Queued => Volatile.Read(ref _queued);

    public long Cancelled => Interlocked.Read(ref _cancelled);

    public int LargestBatch => Volatile.Read(ref _largestBatch);

    // Queues a generation; ServerBusyException when every slot is taken and the queue is full.
    public ValueTask<GenerationHandle> SubmitAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_loop.IsCompleted)
        {
            throw new ServerBusyException("the model server has stopped");
        }

        if (Interlocked.Increment(ref _queued) > _queueLimit + Math.Max(0, _capacity - Active))
        {
            Interlocked.Decrement(ref _queued);
            throw new ServerBusyException();
        }

        var slot = new Slot(request);
        if (!_queue.Writer.TryWrite(slot))
        {
            Interlocked.Decrement(ref _queued);
            throw new ServerBusyException("the model server is stopping");
        }

        return ValueTask.FromResult(slot.Handle);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var active = new List<Slot>(_capacity);
        BatchedExecutor? executor = null;
        try
        {
            executor = new BatchedExecutor(_weights, _contextParams);
            while (!_stop.IsCancellationRequested)
            {
                Admit(active, executor);
                if (active.Count == 0)
                {
                    if (!await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                if (active.Count > _largestBatch)
                {
                    Volatile.Write(ref _largestBatch, active.Count);
                }

                foreach (var slot in active)
                {
                    if (!slot.PromptFed && !slot.IsCancelled && !slot.RequiresInference)
                    {
                        slot.FeedPrompt(_batchSize);
                    }
                }

                while (executor.BatchQueueCount > 0)
                {
                    var result = await executor.Infer(_stop.Token).ConfigureAwait(false);
                    if (result != DecodeResult.Ok)
                    {
                        // Every sequence's room is reserved up front, so this is a fault of llama.cpp,
                        // not of a request: fail what runs, then start over on a fresh context.
                        FailAll(active, $"llama.cpp could not decode the batch ({result})");
                        executor.Dispose();
                        executor = new BatchedExecutor(_weights, _contextParams);
                        break;
                    }
                }

                Sample(active);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e) when (e is LLama.Exceptions.RuntimeError or InvalidOperationException or ArgumentException)
        {
            FailAll(active, "the model server failed: " + e.Message);
        }
        finally
        {
            // Nothing queued after this point waits for a loop that is gone.
            _queue.Writer.TryComplete();
            FailAll(active, "the model server stopped");
            while (_queue.Reader.TryRead(out var waiting))
            {
                Interlocked.Decrement(ref _queued);
                waiting.Fail("the model server stopped");
            }

            executor?.Dispose();
        }
    }

    private void Admit(List<Slot> active, BatchedExecutor executor)
    {
        while (active.Count < _capacity && _queue.Reader.TryRead(out var slot))
        {
            Interlocked.Decrement(ref _queued);
            if (slot.IsCancelled)
            {
                Interlocked.Increment(ref _cancelled);
                slot.Cancel();
                continue;
            }

            slot.Start(executor, new StreamingTokenDecoder(System.Text.Encoding.UTF8, _weights));
            active.Add(slot);
            Interlocked.Increment(ref _active);
        }
    }

    private void Sample(List<Slot> active)
    {
        var vocabulary = _weights.Vocab;
        for (var i = active.Count - 1; i >= 0; i--)
        {
            var slot = active[i];
            bool done;
            if (slot.IsCancelled)
            {
                Interlocked.Increment(ref _cancelled);
                slot.Cancel();
                done = true;
            }
            else if (!slot.PromptFed)
            {
                done = false;
            }
            else
            {
                try
                {
                    done = slot.Step(vocabulary);
                }
                catch (Exception e) when (e is LLama.Exceptions.RuntimeError or InvalidOperationException)
                {
                    slot.Fail("sampling failed: " + e.Message);
                    done = true;
                }
            }

            if (done)
            {
                active.RemoveAt(i);
                Interlocked.Decrement(ref _active);
            }
        }
    }

    private void FailAll(List<Slot> active, string error)
    {
        foreach (var slot in active)
        {
            slot.Fail(error);
            Interlocked.Decrement(ref _active);
        }

        active.Clear();
    }
}
