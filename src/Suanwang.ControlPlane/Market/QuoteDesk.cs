using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Jobs;
using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.Quotes;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;
using Suanwang.Storage;

namespace Suanwang.ControlPlane.Market;

/// <summary>
/// Where quotes are made. In the process that runs the scheduler, on its live state: cards as
/// they are now, starts from running jobs' expected ends; the scheduler pass holds
/// <see cref="LiveSchedulerGate.Lock"/> while it changes that state. In a process that does not schedule (several
/// servers on one PostgreSQL), on the registered sites as if idle. Thread-safe.
/// </summary>
public sealed partial class QuoteDesk(
    IOptions<DispatchOptions> dispatch,
    LiveSchedulerGate gate,
    IStore store,
    JobAdmission admission,
    IOptions<MarketOptions> market)
{
    private readonly Lock _idleLock = new();
    private (NetworkView View, Quoter Quoter, RequestCompiler Compiler)? _idle;

    /// <summary>
    /// Up to <paramref name="k"/> places for <paramref name="spec"/>, best first. Throws
    /// <see cref="Core.Errors.InputException"/> when the spec refers to something the network lacks.
    /// </summary>
    public IReadOnlyList<QuotedPlace> Quote(JobSpec spec, NetworkView view, double now, int k, string source)
    {
        lock (gate.Lock)
        {
            if (gate.Current?.Quote(spec, now, k, source) is { } live)
            {
                return QuotedPlace.From(live.Options, live.State);
            }
        }

        lock (_idleLock)
        {
            if (_idle is not { } idle || !ReferenceEquals(idle.View, view))
            {
                var state = new ClusterState(view.Network);
                var weights = ObjectiveWeights.ForName(dispatch.Value.Objective) ?? ObjectiveWeights.ForName("balanced")!.Value;
                idle = (view, new Quoter(state, SchedulerProfile.Default(weights, new BestFitPacker())), new RequestCompiler(view.Network));
                _idle = idle;
            }

            var request = idle.Compiler.Compile(spec, 0, 0, now, source);
            return QuotedPlace.From(idle.Quoter.Quote(request, now, k), idle.Quoter.State);
        }
    }
}
