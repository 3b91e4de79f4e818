namespace Suanwang.Scheduling.Tokens;

/// <summary>What the router decided for a request.</summary>
public enum RouteOutcome
{
    /// <summary>Routed: the decision lists the endpoints to try, in order.</summary>
    Routed,

    /// <summary>No endpoint serves the model (a gateway answers 404).</summary>
    UnknownModel,

    /// <summary>The model is served, but only outside the allowed jurisdictions (a gateway answers 403).</summary>
    Residency,

    /// <summary>Every allowed endpoint of the model is down or its breaker is open (a gateway answers 503).</summary>
    AllDown,

    /// <summary>The prompt and output cap exceed the context of every allowed endpoint that is up (a gateway answers 400).</summary>
    ContextTooLong,

    /// <summary>Every allowed endpoint that is up is at capacity (a gateway answers 429 or queues).</summary>
    AllBusy,
}
