namespace Suanwang.Scheduling.Tokens;

/// <summary>How the router orders the endpoints that may take a request.</summary>
public enum RoutingPolicy
{
    /// <summary>The combined score of expected latency, price, carbon and prefix affinity (the default).</summary>
    Combined,

    /// <summary>Each model's candidates in turn.</summary>
    RoundRobin,

    /// <summary>The endpoint with the fewest requests in flight for its capacity.</summary>
    LeastLoad,

    /// <summary>The endpoint where the request costs least.</summary>
    Price,

    /// <summary>The endpoint that last served the longest shared prompt prefix, bounded by load.</summary>
    PrefixAffinity,
}
