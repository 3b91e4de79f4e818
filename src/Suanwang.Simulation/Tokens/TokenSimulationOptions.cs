using Suanwang.Scheduling.Tokens;

namespace Suanwang.Simulation.Tokens;

/// <summary>Settings of one token-load replay.</summary>
/// <param name="Policy">How the router orders candidates.</param>
/// <param name="Seed">Seed of the random choices (which requests are restricted).</param>
/// <param name="RestrictedShare">Share of requests whose key allows only <paramref name="RestrictedTo"/>, 0..1.</param>
/// <param name="RestrictedTo">Countries a restricted request may be served in.</param>
public sealed record TokenSimulationOptions(
    RoutingPolicy Policy,
    int Seed = 1,
    double RestrictedShare = 0,
    IReadOnlyList<string>? RestrictedTo = null)
{
    /// <summary>The model every endpoint serves.</summary>
    public ServedModel Model { get; init; } = ServedModel.Llama8B;
}
