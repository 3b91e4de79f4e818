namespace Suanwang.Server.Gateway;

/// <summary>
/// Deadlines shared by the requests that start close together: every request whose deadline
/// falls in the same slot (an eighth of the timeout, at most a quarter second) gets the token of
/// one source that is cancelled at the slot's end, so a busy gateway runs a few timers a second
/// rather than one per request. A deadline fires at most one slot late, never early.
/// </summary>
// Each source is left to fire and be collected once its requests are done with its token; cancelled sources hold nothing to dispose.
#pragma warning disable CA1001
internal sealed class SharedDeadlines
{
    private readonly Lock _lock = new();
    private long _slot = -1;
    private CancellationTokenSource? _source;

    /// <summary>A token cancelled no sooner than <paramref name="timeout"/> from now and at most one slot later.</summary>
    public CancellationToken After(TimeSpan timeout)
    {
        var slotTicks = Math.Max(1, Math.Min(TimeSpan.TicksPerSecond / 4, timeout.Ticks / 8));
        var now = Environment.TickCount64 * TimeSpan.TicksPerMillisecond;
        var slot = (now + timeout.Ticks) / slotTicks + 1;
        lock (_lock)
        {
            if (slot != _slot || _source is null)
            {
                // The previous source stays with the requests that hold its token and fires on its own.
                _source = new CancellationTokenSource(TimeSpan.FromTicks((slot * slotTicks) - now));
                _slot = slot;
            }

            return _source.Token;
        }
    }
}
#pragma warning restore CA1001
