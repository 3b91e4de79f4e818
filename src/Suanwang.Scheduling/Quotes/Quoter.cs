using Suanwang.Core.Sites;
using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Quotes;

/// <summary>
/// Answers "where could this job run, when, and for how much" before it is ordered: up to k
/// options, one per pool, best first by the profile's weighted score. A pool is an option when
/// it passes the profile's rules that waiting cannot change (model, jurisdiction, pin, site up,
/// time limit, budget, gang size); a pool that is full now, or a satellite out of contact, is
/// still an option with a later start. Reuses the engine's estimates (<see cref="ClusterState.Estimate"/>)
/// and score plugins, and allocates only the answer. Not thread-safe: one quoter per thread, or a lock.
/// </summary>
public sealed class Quoter
{
    /// <summary>Assumed wait for a pool that is full now when neither running jobs' ends nor the host's wait estimate say more: one hour.</summary>
    public const double DefaultUnknownWaitSeconds = 3600;

    // Above this many options a full sort beats insertion into the best-so-far list.
    private const int InsertionLimit = 64;

    private readonly PlacementEngine _feasible;
    private readonly FitsFilter _fits = new();
    private readonly IStartEstimator? _starts;
    private readonly double _unknownWait;
    private readonly AcceleratorPool[] _pools;
    private readonly decimal[] _rates;
    private readonly int[] _candidates;
    private readonly int[] _fitting;
    private readonly bool[] _fitsNow;
    private readonly int[] _cards;
    private readonly double[] _runtime;
    private readonly double[] _transfer;
    private readonly double[] _start;
    private readonly double[] _costs;
    private readonly double[] _totals;
    private int[] _best = new int[16];

    /// <summary>
    /// Creates a quoter over <paramref name="state"/> with the filters and weights of
    /// <paramref name="profile"/>. <paramref name="starts"/> (the <see cref="Queue.Scheduler"/>
    /// that runs on the state) says when a full pool frees up; without it, or when it cannot
    /// tell, a full pool is expected to start after the host's wait estimate for it
    /// (<see cref="ClusterState.PoolWaitSeconds"/>) or, when that is 0, after <paramref name="unknownWaitSeconds"/>.
    /// </summary>
    public Quoter(ClusterState state, SchedulerProfile profile, IStartEstimator? starts = null, double unknownWaitSeconds = DefaultUnknownWaitSeconds)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(profile);
        if (!double.IsFinite(unknownWaitSeconds) || unknownWaitSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(unknownWaitSeconds), "the assumed wait must be a finite number of seconds at least 0");
        }

        State = state;
        Profile = profile;
        _starts = starts;
        _unknownWait = unknownWaitSeconds;

        // Rules that only load or the clock can change decide when, not whether.
        var filters = profile.Filters.Where(f => f is not (FitsFilter or ReservationFilter or ContactWindowFilter)).ToList();
        if (!filters.Any(f => f is GangSizeFilter))
        {
            filters.Add(new GangSizeFilter());
        }

        _feasible = new PlacementEngine(state, new SchedulerProfile(filters, [], profile.Weights, profile.Packer));

        var network = state.Network;
        _pools = network.Sites.SelectMany(s => s.Pools).ToArray();
        _rates = _pools.Select(p => p.Currency == network.Currency ? 1m : network.ExchangeRates[p.Currency]).ToArray();
        var n = state.PoolCount;
        _candidates = new int[n];
        _fitting = new int[n];
        _fitsNow = new bool[n];
        _cards = new int[n];
        _runtime = new double[n];
        _transfer = new double[n];
        _start = new double[n];
        _costs = new double[n];
        _totals = new double[n];
    }

    /// <summary>The cluster state quotes are made on.</summary>
    public ClusterState State { get; }

    /// <summary>The plugins and weights that decide which options are best.</summary>
    public SchedulerProfile Profile { get; }

    /// <summary>
    /// Up to <paramref name="k"/> options for <paramref name="job"/> at <paramref name="now"/>,
    /// best first; ties go to the lower pool index. When none of the best would start as soon as
    /// some other pool could, the last place goes to the best of those that start soonest, so a
    /// buyer always sees the earliest start on offer. Empty when no pool could ever run the job.
    /// Options whose cost at the job's time limit exceeds its budget are left out.
    /// </summary>
    public IReadOnlyList<QuoteOption> Quote(in PlacementRequest job, double now, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var feasible = _feasible.FeasiblePools(job, now);
        if (feasible.Length == 0 || k == 0)
        {
            return [];
        }

        feasible.CopyTo(_candidates);
        State.Estimate(job, _candidates.AsSpan(0, feasible.Length), _cards, _runtime, _transfer);
        var n = ExpectStarts(job, now, feasible.Length);
        if (n == 0)
        {
            return [];
        }

        Score(job, now, n);
        var m = Math.Min(k, n);
        var best = Best(n, m);
        KeepSoonest(best, n, m);
        var options = new QuoteOption[m];
        for (var r = 0; r < m; r++)
        {
            options[r] = Option(job, best[r]);
        }

        return options;
    }

    /// <summary>Sets each candidate's expected start and drops those over budget at the time limit; returns how many remain.</summary>
    private int ExpectStarts(in PlacementRequest job, double now, int count)
    {
        // Which candidates fit now: the engine's own Fits rule over a copy of the list.
        Array.Copy(_candidates, _fitting, count);
        var set = new CandidateSet(_fitting, count);
        _fits.Filter(job, State, now, ref set);
        foreach (var p in set.Pools)
        {
            _fitsNow[p] = true;
        }

        var wait = State.PoolWaitSeconds;
        var site = State.PoolSite;
        var orbital = State.SiteOrbital;
        var capAtLimit = !double.IsPositiveInfinity(job.Budget) && !double.IsPositiveInfinity(job.TimeLimitSeconds);
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            var p = _candidates[i];
            if (capAtLimit && State.PriceOn(job, p) * _cards[i] * job.TimeLimitSeconds / 3600.0 > job.Budget)
            {
                continue;
            }

            double start;
            if (_fitsNow[p])
            {
                start = now + wait[p];
            }
            else
            {
                var freed = _starts?.EarliestStart(p, _cards[i], now) ?? double.PositiveInfinity;
                start = double.IsFinite(freed) ? Math.Max(freed, now + wait[p]) : now + (wait[p] > 0 ? wait[p] : _unknownWait);
            }

            if (orbital[site[p]])
            {
                start = State.NextContact(site[p], start);
            }

            _candidates[n] = p;
            _cards[n] = _cards[i];
            _runtime[n] = _runtime[i];
            _transfer[n] = _transfer[i];
            _start[n] = start;
            n++;
        }

        foreach (var p in set.Pools)
        {
            _fitsNow[p] = false;
        }

        return n;
    }

    /// <summary>The profile's weighted score of each candidate into <see cref="_totals"/>, as the engine scores a decision.</summary>
    private void Score(in PlacementRequest job, double now, int n)
    {
        var pools = _candidates.AsSpan(0, n);
        var totals = _totals.AsSpan(0, n);
        var costs = _costs.AsSpan(0, n);
        totals.Clear();
        var estimates = new CandidateEstimates(pools, _cards.AsSpan(0, n), _runtime.AsSpan(0, n), _transfer.AsSpan(0, n));
        var wait = State.PoolWaitSeconds;
        foreach (var plugin in Profile.Scores)
        {
            var weight = Profile.Weights.Of(plugin.Objective);
            if (weight <= 0)
            {
                continue;
            }

            plugin.Score(job, State, now, estimates, costs);
            if (plugin.Objective == Objective.Time)
            {
                // Time plugins count the host's wait estimate; a full pool or a satellite out of
                // contact delays completion further, by as much as it delays the start.
                for (var i = 0; i < n; i++)
                {
                    costs[i] += _start[i] - now - wait[pools[i]];
                }
            }

            PlacementEngine.Accumulate(costs, totals, weight);
        }
    }

    /// <summary>Positions of the <paramref name="m"/> best candidates, best first.</summary>
    /// <summary>Gives the last of the <paramref name="m"/> best places to the best soonest-starting candidate when none of them starts soonest.</summary>
    private void KeepSoonest(int[] best, int n, int m)
    {
        if (m == n)
        {
            return;
        }

        var soonest = double.PositiveInfinity;
        for (var i = 0; i < n; i++)
        {
            soonest = Math.Min(soonest, _start[i]);
        }

        for (var r = 0; r < m; r++)
        {
            if (_start[best[r]] <= soonest)
            {
                return;
            }
        }

        var pick = -1;
        for (var i = 0; i < n; i++)
        {
            if (_start[i] <= soonest && (pick < 0 || Better(i, pick)))
            {
                pick = i;
            }
        }

        best[m - 1] = pick;
    }

    private int[] Best(int n, int m)
    {
        if (_best.Length < Math.Max(m, m > InsertionLimit ? n : 0))
        {
            _best = new int[m > InsertionLimit ? n : m];
        }

        var best = _best;
        if (m > InsertionLimit)
        {
            for (var i = 0; i < n; i++)
            {
                best[i] = i;
            }

            Array.Sort(best, 0, n, Comparer<int>.Create((a, b) => Better(a, b) ? -1 : Better(b, a) ? 1 : 0));
            return best;
        }

        var count = 0;
        for (var i = 0; i < n; i++)
        {
            if (count == m && !Better(i, best[m - 1]))
            {
                continue;
            }

            var j = count < m ? count++ : m - 1;
            while (j > 0 && Better(i, best[j - 1]))
            {
                best[j] = best[j - 1];
                j--;
            }

            best[j] = i;
        }

        return best;
    }

    private bool Better(int a, int b) =>
        _totals[a] > _totals[b] || (_totals[a] == _totals[b] && _candidates[a] < _candidates[b]);

    private QuoteOption Option(in PlacementRequest job, int i)
    {
        var p = _candidates[i];
        var site = State.PoolSite[p];
        var pool = _pools[p];
        var price = job.Spot ? pool.SpotPricePerCardHour : pool.PricePerCardHour;
        var billed = double.IsPositiveInfinity(job.TimeLimitSeconds) ? _runtime[i] : job.TimeLimitSeconds;
        var cost = _cards[i] * ((decimal)billed / 3600m) * price * _rates[p];
        var runStart = _start[i] + _transfer[i];
        var finish = runStart + _runtime[i];
        var carbon = State.Network.Sites[site].Carbon.MeanOver(runStart, finish);
        var kgCo2 = _cards[i] * State.PoolWatts[p] / 1000.0 * (_runtime[i] / 3600.0) * carbon / 1000.0;
        return new QuoteOption(site, p, _cards[i], _start[i], finish, _runtime[i], _transfer[i], price, pool.Currency, cost, kgCo2);
    }
}
