namespace Suanwang.Scheduling.Tokens;

/// <summary>
/// A circuit breaker for one endpoint: opens after <see cref="FailureThreshold"/> failures in a row,
/// lets one probe through once <see cref="OpenFor"/> has passed, and closes on the probe's success.
/// Time is passed in, never read, so a fake or simulated clock drives it.
/// </summary>
public sealed class CircuitBreaker
{
    private BreakerState _state = BreakerState.Closed;
    private int _failures;
    private DateTimeOffset _openedAt;
    private bool _probing;

    /// <summary>Creates a closed breaker.</summary>
    public CircuitBreaker(int failureThreshold = 5, TimeSpan? openFor = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failureThreshold, 1);
        FailureThreshold = failureThreshold;
        OpenFor = openFor ?? TimeSpan.FromSeconds(30);
        ArgumentOutOfRangeException.ThrowIfLessThan(OpenFor, TimeSpan.Zero);
    }

    /// <summary>Failures in a row that open the breaker.</summary>
    public int FailureThreshold { get; }

    /// <summary>How long the breaker stays open before it lets a probe through.</summary>
    public TimeSpan OpenFor { get; }

    /// <summary>The state at <paramref name="now"/>: an open breaker whose period has passed reads as half-open.</summary>
    public BreakerState StateAt(DateTimeOffset now) =>
        _state == BreakerState.Open && now >= _openedAt + OpenFor ? BreakerState.HalfOpen : _state;

    /// <summary>True when a request may be sent at <paramref name="now"/> (half-open: only while no probe is out).</summary>
    public bool CanSend(DateTimeOffset now) => StateAt(now) switch
    {
        BreakerState.Closed => true,
        BreakerState.HalfOpen => !_probing,
        _ => false,
    };

    /// <summary>Notes a request sent at <paramref name="now"/>; in the half-open state it becomes the probe.</summary>
    public void OnSend(DateTimeOffset now)
    {
        if (StateAt(now) == BreakerState.HalfOpen)
        {
            _state = BreakerState.HalfOpen;
            _probing = true;
        }
    }

    /// <summary>Notes a success: the breaker closes and the failure count restarts.</summary>
    public void OnSuccess()
    {
        _state = BreakerState.Closed;
        _failures = 0;
        _probing = false;
    }

    /// <summary>Notes a failure at <paramref name="now"/>: a failed probe, or the threshold reached, opens the breaker.</summary>
    public void OnFailure(DateTimeOffset now)
    {
        _failures++;
        if (_state == BreakerState.HalfOpen || _probing || _failures >= FailureThreshold)
        {
            _state = BreakerState.Open;
            _openedAt = now;
            _probing = false;
        }
    }
}
