using Suanwang.Core.Law;

namespace Suanwang.ControlPlane.Policy;

/// <summary>The engine's answer for some datasets and destinations.</summary>
/// <param name="Allowed">The destinations every dataset may go to.</param>
/// <param name="Decisions">One decision per dataset and destination, destinations in the order asked.</param>
public sealed record LawAnswer(IReadOnlyList<string> Allowed, IReadOnlyList<PolicyDecision> Decisions)
{
    /// <summary>The first denial's explanation for <paramref name="destination"/>, or null when it is allowed.</summary>
    public string? WhyNot(string destination) =>
        Decisions.FirstOrDefault(d => d.Destination == destination && !d.Allowed)?.Explanation;
}
