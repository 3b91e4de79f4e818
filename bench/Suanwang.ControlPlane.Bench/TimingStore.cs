using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Suanwang.Storage;

namespace Suanwang.ControlPlane.Bench;

/// <summary>
/// Wraps the real store and timestamps the calls a scheduler pass makes: each pass opens with
/// ListSitesAsync then ListActiveJobsAsync (nothing else in the server calls ListActiveJobsAsync
/// while sites are up and no one lists a site's jobs), so the time between successive
/// ListActiveJobsAsync calls is the pass period, and the calls in between are the pass's writes.
/// </summary>
public class TimingStore : DispatchProxy
{
    private readonly Lock _gate = new();
    private readonly List<(long Start, long ReadEnd, int Writes)> _passes = [];
    private IStore _inner = null!;
    private int _writes;

    /// <summary>Returns a store that forwards to <paramref name="inner"/> and the recorder behind it.</summary>
    public static (IStore Store, TimingStore Timing) Wrap(IStore inner)
    {
        var store = Create<IStore, TimingStore>();
        var timing = (TimingStore)(object)store;
        timing._inner = inner;
        return (store, timing);
    }

    /// <summary>Pass starts, read ends and write calls, as recorded since the last <see cref="Clear"/>.</summary>
    public List<(long Start, long ReadEnd, int Writes)> Snapshot()
    {
        lock (_gate)
        {
            return [.. _passes];
        }
    }

    /// <summary>Forgets the passes recorded so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _passes.Clear();
        }
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var name = targetMethod.Name;
        var began = Stopwatch.GetTimestamp();
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        if (name == nameof(IStore.ListActiveJobsAsync) && result is Task task)
        {
            int index;
            lock (_gate)
            {
                if (_passes.Count > 0)
                {
                    var last = _passes[^1];
                    _passes[^1] = last with { Writes = Interlocked.Exchange(ref _writes, 0) };
                }

                _passes.Add((began, 0, 0));
                index = _passes.Count - 1;
            }

            task.ContinueWith(
                _ =>
                {
                    lock (_gate)
                    {
                        if (index < _passes.Count)
                        {
                            _passes[index] = _passes[index] with { ReadEnd = Stopwatch.GetTimestamp() };
                        }
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        else if (name is "PlaceAsync" or "RequeueAsync" or "AppendEventAsync" or "ListEventsAsync")
        {
            Interlocked.Increment(ref _writes);
        }

        return result;
    }
}
