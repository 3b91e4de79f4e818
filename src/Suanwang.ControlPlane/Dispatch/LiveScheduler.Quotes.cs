using Suanwang.Core.Jobs;
using Suanwang.Scheduling.Quotes;
using Suanwang.Scheduling.State;

namespace Suanwang.ControlPlane.Dispatch;

public sealed partial class LiveScheduler
{
    /// <summary>
    /// Up to <paramref name="k"/> places for <paramref name="spec"/> on the cards as they are now,
    /// with starts from the running jobs' expected ends; null before the first pass built the
    /// scheduler. Throws <see cref="Core.Errors.InputException"/> when the spec refers to something
    /// the network lacks. Call under the lock the pass holds (<see cref="LiveSchedulerGate.Lock"/>).
    /// </summary>
    public (IReadOnlyList<QuoteOption> Options, ClusterState State)? Quote(JobSpec spec, double now, int k, string source)
    {
        if (!_built)
        {
            return null;
        }

        // A tenant the scheduler has not seen yet gets no index: quoting must not change its state.
        var tenant = _tenants.TryGetValue(spec.Tenant, out var index) ? index : _tenants.Count;
        var request = _compiler.Compile(spec, 0, tenant, now, source);
        _quoter ??= new Quoter(_state, _profile, _scheduler);
        return (_quoter.Quote(request, now, k), _state);
    }
}
