using Suanwang.Bench.Placement;
using Suanwang.Core.Jobs;
using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.Queue;
using Suanwang.Scheduling.Quotes;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;
using Suanwang.Simulation.Synthetic;

namespace Suanwang.Bench.Quotes;

/// <summary>
/// A synthetic network under load for quotes: every pool part busy with running jobs the
/// scheduler knows the expected ends of, a quarter of the pools full (so their options need a
/// later start), 2 % of sites down, carbon at midday. A quote is what the server does for one
/// request: compile the job spec, then build the option list. Quoting does not change the state.
/// </summary>
public sealed class QuoteFixture
{
    /// <summary>Specs in the mix; a power of two so the loop can wrap with a mask.</summary>
    public const int MixSize = 4096;

    /// <summary>Options asked for per quote.</summary>
    public const int Options = 5;

    /// <summary>Time of the quotes: 12:00 on day one.</summary>
    public const double Now = 12 * 3600;

    private readonly JobSpec[] _specs;
    private readonly RequestCompiler _compiler;
    private int _next;

    private QuoteFixture(int sites, ClusterState state, Quoter quoter, RequestCompiler compiler, JobSpec[] specs, int runningJobs)
    {
        Sites = sites;
        State = state;
        Quoter = quoter;
        _compiler = compiler;
        _specs = specs;
        RunningJobs = runningJobs;
    }

    public int Sites { get; }

    public ClusterState State { get; }

    public Quoter Quoter { get; }

    /// <summary>Jobs running in the loaded state.</summary>
    public int RunningJobs { get; }

    /// <summary>Busy cards over all cards.</summary>
    public double Utilization => 1.0 - ((double)State.PoolFreeCards.Sum() / State.TotalCards);

    /// <summary>Builds the fixture for <paramref name="sites"/> sites; the same seed gives the same network, load and mix.</summary>
    public static QuoteFixture Create(int sites, int seed = 42)
    {
        var network = SyntheticNetwork.Create(sites, seed);
        var state = new ClusterState(network);
        var weights = ObjectiveWeights.ForName("balanced") ?? throw new InvalidOperationException("no balanced weights");
        var profile = SchedulerProfile.Default(weights);
        if (!QueuePolicies.TryCreate("fifo", state, out var queue, out var backfill))
        {
            throw new InvalidOperationException("no fifo policy");
        }

        var scheduler = new Scheduler(state, profile, queue, new SchedulerOptions(backfill));
        var running = Load(state, scheduler, new Random(seed));
        state.AdvanceTo(Now);
        var quoter = new Quoter(state, profile, scheduler);
        return new QuoteFixture(sites, state, quoter, new RequestCompiler(network), RequestMix.Specs(network, MixSize, seed), running);
    }

    /// <summary>One full quote for the next spec of the mix: compile, then the option list.</summary>
    public IReadOnlyList<QuoteOption> QuoteNext()
    {
        var spec = _specs[_next];
        _next = (_next + 1) & (MixSize - 1);
        var request = _compiler.Compile(spec, jobId: 0, tenant: 0, submitTime: Now, "bench");
        return Quoter.Quote(request, Now, Options);
    }

    /// <summary>Fills pools with running jobs of 1 to 8 cards ending within ten hours: a quarter to the brim, the rest 10-95 %.</summary>
    private static int Load(ClusterState state, Scheduler scheduler, Random random)
    {
        var packer = new BestFitPacker();
        var jobs = 0;
        for (var p = 0; p < state.PoolCount; p++)
        {
            var full = random.NextDouble() < 0.25;
            var target = full ? state.PoolTotalCards[p] : (int)(state.PoolTotalCards[p] * (0.10 + random.NextDouble() * 0.85));
            var busy = 0;
            while (busy < target)
            {
                var cards = 1 << random.Next(4);
                if (state.Allocate(p, new JobShape(cards, 1), packer) is not { } allocation)
                {
                    break;
                }

                // Hand the cards to the scheduler as a running job with a known expected end.
                state.Release(allocation);
                var request = new PlacementRequest
                {
                    JobId = jobs,
                    TotalCards = cards,
                    ModelMask = ulong.MaxValue,
                    RuntimeSeconds = 3600,
                    TimeLimitSeconds = double.PositiveInfinity,
                    Budget = double.PositiveInfinity,
                    AllowedCountries = CountrySet.All,
                };
                var end = Now + 60 + (random.NextDouble() * 36_000);
                if (!scheduler.Restore(scheduler.NewJob(request), allocation, Now - 600, end))
                {
                    throw new InvalidOperationException("the cards just freed could not be restored");
                }

                busy += cards;
                jobs++;
            }
        }

        for (var s = 0; s < state.SiteCount; s++)
        {
            if (random.NextDouble() < 0.02)
            {
                state.SetSiteUp(s, false);
            }
        }

        return jobs;
    }
}
