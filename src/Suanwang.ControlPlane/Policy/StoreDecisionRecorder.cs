using System.Text;
using Suanwang.Core.Law;
using Suanwang.Storage.Policy;

namespace Suanwang.ControlPlane.Policy;

/// <summary>The default recorder: keeps every decision's canonical bytes in the store (table policy_decisions).</summary>
public sealed class StoreDecisionRecorder(IPolicyStore store) : IDecisionRecorder
{
    /// <inheritdoc />
    public async ValueTask RecordAsync(PolicyDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var counted = decision.Counted && decision.Allowed;
        var expected = counted
            ? new ExportCounter(decision.IndividualsYear - decision.Individuals, decision.SensitiveYear - decision.Sensitive)
            : null;
        if (!await store.AddDecisionAsync(ToRecord(decision), expected, cancellationToken).ConfigureAwait(false))
        {
            throw new CounterMovedException();
        }
    }

    /// <summary>The stored form of <paramref name="decision"/>: it adds its counts to the counter only when counted and allowed.</summary>
    public static DecisionRecord ToRecord(PolicyDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var counted = decision.Counted && decision.Allowed;
        return new DecisionRecord(
            0,
            decision.At,
            decision.Tenant,
            FactSchema.SnakeCase(decision.Kind.ToString()),
            decision.Allowed ? "allow" : "deny",
            decision.At.UtcDateTime.Year,
            counted ? decision.Individuals : 0,
            counted ? decision.Sensitive : 0,
            Encoding.UTF8.GetString(decision.CanonicalBytes()));
    }
}
