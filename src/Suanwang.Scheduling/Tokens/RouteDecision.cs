namespace Suanwang.Scheduling.Tokens;

/// <summary>The router's answer: the endpoints to try in order, or a refusal with a reason a user can read.</summary>
public sealed class RouteDecision
{
    private RouteDecision(RouteOutcome outcome, IReadOnlyList<InferenceEndpoint> endpoints, int matchedBlocks, string? reason)
    {
        Outcome = outcome;
        Endpoints = endpoints;
        MatchedBlocks = matchedBlocks;
        Reason = reason;
    }

    /// <summary>Routed or why not.</summary>
    public RouteOutcome Outcome { get; }

    /// <summary>The endpoint to use first, then the fallbacks, all within the allowed set; empty when refused.</summary>
    public IReadOnlyList<InferenceEndpoint> Endpoints { get; }

    /// <summary>Leading prompt blocks the first endpoint last served (0 when none or refused).</summary>
    public int MatchedBlocks { get; }

    /// <summary>Why the request was refused; null when routed.</summary>
    public string? Reason { get; }

    /// <summary>True when there is an endpoint to try.</summary>
    public bool IsRouted => Outcome == RouteOutcome.Routed;

    /// <summary>A decision to send to <paramref name="endpoints"/> in order.</summary>
    public static RouteDecision Routed(IReadOnlyList<InferenceEndpoint> endpoints, int matchedBlocks) =>
        new(RouteOutcome.Routed, endpoints, matchedBlocks, null);

    /// <summary>A refusal.</summary>
    public static RouteDecision Refused(RouteOutcome outcome, string reason) => new(outcome, [], 0, reason);
}
