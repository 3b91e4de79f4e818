using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Suanwang.Storage;

namespace Suanwang.ControlPlane.Bench;

/// <summary>
/// Wraps the real store and, while <see cref="Recording"/>, records how long each call that
/// returns a task takes until the task completes, by method name. Calls from every caller are
/// recorded (request handlers and the scheduler loop alike).
/// </summary>
public class CallTimes : DispatchProxy
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _times = new(StringComparer.Ordinal);
    private IStore _inner = null!;

    /// <summary>Whether calls are being recorded.</summary>
    public bool Recording { get; set; }

    /// <summary>Returns a store that forwards to <paramref name="inner"/> and the recorder behind it.</summary>
    public static (IStore Store, CallTimes Times) Wrap(IStore inner)
    {
        var store = Create<IStore, CallTimes>();
        var times = (CallTimes)(object)store;
        times._inner = inner;
        return (store, times);
    }

    /// <summary>The recorded durations of <paramref name="method"/>, in ms, sorted.</summary>
    public List<double> Of(string method)
    {
        var list = _times.TryGetValue(method, out var bag) ? bag.ToList() : [];
        list.Sort();
        return list;
    }

    /// <summary>"Method p50 / p99 ms (n calls)" for each of <paramref name="methods"/> that was called.</summary>
    public string Summary(params string[] methods) => string.Join("; ", methods.Select(m => (Name: m, Times: Of(m))).Where(m => m.Times.Count > 0).Select(m =>
        $"{m.Name} {Stats.F(Stats.Percentile(m.Times, 0.5), "F2")} / {Stats.F(Stats.Percentile(m.Times, 0.99), "F2")} ms ({m.Times.Count} calls)"));

    /// <summary>Forgets what was recorded.</summary>
    public void Clear() => _times.Clear();

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
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

        if (Recording && result is Task task)
        {
            var bag = _times.GetOrAdd(targetMethod.Name, _ => []);
            task.ContinueWith(
                _ => bag.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return result;
    }
}
