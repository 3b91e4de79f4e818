namespace Suanwang.Simulation.Tokens;

/// <summary>Routing policies compared on one trace over one network.</summary>
/// <param name="Network">Network name.</param>
/// <param name="Trace">Trace files.</param>
/// <param name="Model">Model id served.</param>
/// <param name="Requests">Requests in the trace.</param>
/// <param name="TraceSeconds">Seconds from the first arrival to the last.</param>
/// <param name="RestrictedShare">Share of requests restricted to <paramref name="RestrictedTo"/>.</param>
/// <param name="RestrictedTo">Countries restricted requests may be served in.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="Endpoints">The endpoints.</param>
/// <param name="Results">One result per policy, in the order run.</param>
public sealed record TokenComparison(
    string Network,
    string Trace,
    string Model,
    int Requests,
    double TraceSeconds,
    double RestrictedShare,
    IReadOnlyList<string> RestrictedTo,
    int Seed,
    IReadOnlyList<TokenEndpointSummary> Endpoints,
    IReadOnlyList<TokenPolicyResult> Results);
