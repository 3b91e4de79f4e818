using Suanwang.Core.Law;

namespace Suanwang.ControlPlane.Policy;

/// <summary>Where every data-law decision that is not a what-if goes, allowed or denied.</summary>
public interface IDecisionRecorder
{
    /// <summary>
    /// Records <paramref name="decision"/> durably. A decision with <see cref="PolicyDecision.Counted"/>
    /// adds to its exporter's counter in the same transaction, and throws
    /// <see cref="CounterMovedException"/> (recording nothing) when the counter changed since the decision read it.
    /// </summary>
    ValueTask RecordAsync(PolicyDecision decision, CancellationToken cancellationToken);
}
