using Suanwang.Core.Jobs;
using Suanwang.Core.Networks;
using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;
using Suanwang.Storage.Sites;

namespace Suanwang.ControlPlane.Sites;

/// <summary>
/// The registered sites as a network, with the rules no change of load can fix; answers at
/// submission whether any registered site could ever run a job. Thread-safe.
/// </summary>
public sealed class NetworkView
{
    private const string NoSites = "no site is registered yet, so no site can run the job";

    private readonly Lock _lock = new();
    private readonly RequestCompiler _compiler;
    private readonly PlacementEngine _permanent;

    /// <summary>Builds the view of <paramref name="network"/>, made from <paramref name="records"/>.</summary>
    public NetworkView(Network network, IReadOnlyList<SiteRecord> records)
    {
        Network = network;
        Records = records;
        _compiler = new RequestCompiler(network);
        var state = new ClusterState(network);

        // The same rules the scheduler treats as permanent (Scheduler's static engine).
        _permanent = new PlacementEngine(state, new SchedulerProfile(
            [new AcceleratorFilter(), new JurisdictionFilter(), new PinnedSiteFilter(), new TimeLimitFilter(), new BudgetFilter(), new GangSizeFilter()],
            [],
            new ObjectiveWeights(1, 1, 1, 1),
            new BestFitPacker()));
    }

    /// <summary>The network of registered sites, in id order.</summary>
    public Network Network { get; }

    /// <summary>The site records the view was built from.</summary>
    public IReadOnlyList<SiteRecord> Records { get; }

    /// <summary>
    /// Null when some registered site could run <paramref name="spec"/> under some load; otherwise
    /// why none can, naming sites and reasons. Throws <see cref="Core.Errors.InputException"/> when the
    /// spec refers to something the network lacks.
    /// </summary>
    public string? WhyNever(JobSpec spec, double now, string source)
    {
        if (Network.Sites.Count == 0)
        {
            return NoSites;
        }

        var request = _compiler.Compile(spec, 0, 0, now, source);
        lock (_lock)
        {
            return _permanent.CountFeasible(request, now) > 0 ? null : _permanent.Explain(request, now).Message;
        }
    }

    /// <summary>
    /// The most an hour of <paramref name="spec"/> costs on any pool that could ever run it, in
    /// the base currency (spot prices for spot work): what an order reserves per hour when the
    /// job may land on any of them. Null, with <paramref name="whyNever"/> saying why as
    /// <see cref="WhyNever"/> does, when no pool could.
    /// </summary>
    public decimal? MaxHourlyCost(JobSpec spec, double now, string source, out string? whyNever)
    {
        whyNever = null;
        if (Network.Sites.Count == 0)
        {
            whyNever = NoSites;
            return null;
        }

        var request = _compiler.Compile(spec, 0, 0, now, source);
        lock (_lock)
        {
            var feasible = _permanent.FeasiblePools(request, now);
            if (feasible.IsEmpty)
            {
                whyNever = _permanent.Explain(request, now).Message;
                return null;
            }

            decimal? most = null;
            foreach (var pool in feasible)
            {
                var hourly = HourlyCost(request, _permanent.State, pool);
                most = most is null || hourly > most ? hourly : most;
            }

            return most;
        }
    }

    /// <summary>What an hour of the job costs on one pool, base currency, at the pool's published (spot) price.</summary>
    private decimal HourlyCost(in PlacementRequest request, ClusterState state, int pool)
    {
        var site = state.PoolSite[pool];
        var spec = Network.Sites[site].Pools[pool - state.SiteFirstPool[site]];
        var price = request.Spot ? spec.SpotPricePerCardHour : spec.PricePerCardHour;
        return Network.ToBase(price, spec.Currency) * state.ShapeOn(request, pool).Cards;
    }
}
