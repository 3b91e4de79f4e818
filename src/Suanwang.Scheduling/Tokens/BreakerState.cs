namespace Suanwang.Scheduling.Tokens;

/// <summary>State of an endpoint's circuit breaker.</summary>
public enum BreakerState
{
    /// <summary>Requests flow; failures are counted.</summary>
    Closed,

    /// <summary>Too many failures: no request is sent until the open period has passed.</summary>
    Open,

    /// <summary>The open period has passed: one probe request may go; its outcome closes or reopens the breaker.</summary>
    HalfOpen,
}
