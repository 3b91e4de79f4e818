using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Engine;

/// <summary>
/// Chooses a pool for one job: cut candidates by index, filter, score, pick the best. A decision
/// walks a candidate index (<see cref="PlacementIndex"/>) so its cost grows far slower than the
/// network; jobs the index does not cover, and the tests' reference, take the full scan
/// (<see cref="TryPlaceFullScan"/>), which chooses the same pool. The hot path works on buffers
/// owned by the engine and allocates nothing. Not thread-safe: one engine per scheduler loop.
/// </summary>
public sealed class PlacementEngine
{
    // Country sets are 256 bits over CountryCodes indices.
    private const int CountrySlots = 256;

    // Jobs allowed in at most this many countries start from those countries' pools.
    private const int FewCountries = 16;

    private readonly int[] _candidates;
    private readonly double[] _costs;
    private readonly double[] _totals;
    private readonly int[] _cards;
    private readonly double[] _runtime;
    private readonly double[] _transfer;
    private PlacementIndex? _index;
    private PlacementIndex? _countryIndex;
    private int[]?[]? _byModelCountry;

    /// <summary>Creates an engine over <paramref name="state"/> with <paramref name="profile"/>.</summary>
    public PlacementEngine(ClusterState state, SchedulerProfile profile)
    {
        State = state;
        Profile = profile;
        _candidates = new int[state.PoolCount];
        _costs = new double[state.PoolCount];
        _totals = new double[state.PoolCount];
        _cards = new int[state.PoolCount];
        _runtime = new double[state.PoolCount];
        _transfer = new double[state.PoolCount];
    }

    /// <summary>
    /// Networks with fewer pools are scanned: at 15 pools a sweep costs less than the index's
    /// fixed work per decision, at 139 pools (placement bench, 100 sites) the index is faster.
    /// </summary>
    internal int IndexFromPools { get; set; } = 128;

    /// <summary>The cluster state decisions are made on.</summary>
    public ClusterState State { get; }

    /// <summary>The plugins and weights.</summary>
    public SchedulerProfile Profile { get; }

    /// <summary>Finds the best pool for <paramref name="job"/> now; false when no pool passes every filter.</summary>
    public bool TryPlace(in PlacementRequest job, double now, out Placement placement)
    {
        // Jobs bound to a few countries walk an index whose classes are split by country.
        var index = CountryCount(job) <= FewCountries
            ? _countryIndex ??= new PlacementIndex(State, Profile, byCountry: true)
            : _index ??= new PlacementIndex(State, Profile);
        if (State.PoolCount < IndexFromPools || !index.Covers(job))
        {
            // The scan's choice does not depend on the order of its candidates, so jobs bound to
            // a few countries start from those countries' pools alone.
            return Scan(job, now, SeedByCountry(job) is var n and >= 0 ? n : Seed(job), out placement);
        }

        if (!index.TryFind(job, now, out var pool, out var score))
        {
            placement = default;
            return false;
        }

        placement = Describe(job, pool, score);
        return true;
    }

    /// <summary>
    /// <see cref="TryPlace"/> by sweeping every candidate through every filter and score: the
    /// reference the index must agree with, and the path of jobs the index does not cover.
    /// </summary>
    public bool TryPlaceFullScan(in PlacementRequest job, double now, out Placement placement) => Scan(job, now, Seed(job), out placement);

    private bool Scan(in PlacementRequest job, double now, int seeded, out Placement placement)
    {
        var set = new CandidateSet(_candidates, seeded);
        var filters = Profile.Filters;
        for (var f = 0; f < filters.Count && set.Count > 0; f++)
        {
            filters[f].Filter(job, State, now, ref set);
        }

        if (set.Count == 0)
        {
            placement = default;
            return false;
        }

        var best = Score(job, now, set.Pools);
        placement = Describe(job, set.Pools[best], _totals[best]);
        return true;
    }

    /// <summary>Filters only: whether some pool could take the job at <paramref name="now"/>, and how many.</summary>
    public int CountFeasible(in PlacementRequest job, double now) => FeasiblePools(job, now).Length;

    /// <summary>The pools that pass every filter now, in pool order; valid until the next call on this engine.</summary>
    public ReadOnlySpan<int> FeasiblePools(in PlacementRequest job, double now)
    {
        var set = new CandidateSet(_candidates, Seed(job));
        var filters = Profile.Filters;
        for (var f = 0; f < filters.Count && set.Count > 0; f++)
        {
            filters[f].Filter(job, State, now, ref set);
        }

        return set.Pools;
    }

    /// <summary>Expected outcome of running the job on a given pool (for quotes and reservations).</summary>
    public Placement Describe(in PlacementRequest job, int pool, double score = 0)
    {
        var site = State.PoolSite[pool];
        var shape = State.ShapeOn(job, pool);
        var runtime = State.RuntimeOn(job, pool);

        // ClusterState.CostOn and EnergyKwhOn term by term, with the shape and run time worked out once.
        var cost = State.PriceOn(job, pool) * shape.Cards * runtime / 3600.0;
        var energy = State.PoolWatts[pool] * shape.Cards * runtime / 3600.0 / 1000.0;
        return new Placement(
            pool,
            site,
            shape,
            runtime,
            State.TransferSecondsTo(job, pool),
            State.PoolWaitSeconds[pool],
            cost,
            energy,
            energy * State.SiteCarbon[site] / 1000.0,
            score);
    }

    /// <summary>
    /// Why no pool can take the job: each pool's first failing filter, grouped. Slow and
    /// allocating; called only after <see cref="TryPlace"/> fails.
    /// </summary>
    public PlacementFailure Explain(in PlacementRequest job, double now)
    {
        var reasons = new List<(string Site, string Model, Status Status)>();
        var resolvable = false;
        for (var p = 0; p < State.PoolCount; p++)
        {
            foreach (var filter in Profile.Filters)
            {
                var status = filter.Explain(job, State, now, p);
                if (!status.IsSuccess)
                {
                    resolvable |= status.Code == StatusCode.Unschedulable;
                    reasons.Add((State.Network.Sites[State.PoolSite[p]].Id, State.Catalog[State.PoolModel[p]].Id, status));
                    break;
                }
            }
        }

        var text = new StringBuilder();
        text.Append(resolvable ? "no site can run the job now" : "no site can ever run the job");
        var shown = 0;
        foreach (var (site, model, status) in reasons.OrderBy(r => r.Status.Code).ThenBy(r => r.Site, StringComparer.Ordinal))
        {
            if (shown++ == 8)
            {
                text.Append("; and ").Append(reasons.Count - 8).Append(" more");
                break;
            }

            text.Append(shown == 1 ? ": " : "; ").Append("site ").Append(site).Append(" (").Append(model).Append("): ").Append(status.Reason);
        }

        return new PlacementFailure(resolvable ? StatusCode.Unschedulable : StatusCode.UnschedulableAndUnresolvable, text.ToString());
    }

    private int Seed(in PlacementRequest job)
    {
        var mask = job.ModelMask;
        var byModel = State.PoolsByModel;
        if (mask == ulong.MaxValue || System.Numerics.BitOperations.PopCount(mask) >= byModel.Length)
        {
            State.AllPools.CopyTo(_candidates, 0);
            return State.PoolCount;
        }

        var n = 0;
        while (mask != 0)
        {
            var m = System.Numerics.BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            if (m < byModel.Length)
            {
                var pools = byModel[m];
                pools.CopyTo(_candidates, n);
                n += pools.Length;
            }
        }

        return n;
    }

    /// <summary>Seeds the pools of the job's models in its allowed countries; -1 when it allows too many countries for that to pay.</summary>
    private int SeedByCountry(in PlacementRequest job)
    {
        var allowed = job.AllowedCountries;
        if (CountryCount(job) > FewCountries)
        {
            return -1;
        }

        var byModelCountry = _byModelCountry ??= BuildModelCountryIndex();
        var n = 0;
        for (var w = 0; w < 4; w++)
        {
            var word = w switch { 0 => allowed.W0, 1 => allowed.W1, 2 => allowed.W2, _ => allowed.W3 };
            while (word != 0)
            {
                var country = (w * 64) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                var mask = job.ModelMask;
                while (mask != 0)
                {
                    var m = BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    if (m < State.Catalog.Count && byModelCountry[(m * CountrySlots) + country] is { } pools)
                    {
                        pools.CopyTo(_candidates, n);
                        n += pools.Length;
                    }
                }
            }
        }

        return n;
    }

    private static int CountryCount(in PlacementRequest job)
    {
        var allowed = job.AllowedCountries;
        return BitOperations.PopCount(allowed.W0) + BitOperations.PopCount(allowed.W1) + BitOperations.PopCount(allowed.W2) + BitOperations.PopCount(allowed.W3);
    }

    private int[]?[] BuildModelCountryIndex()
    {
        var lists = new List<int>?[State.Catalog.Count * CountrySlots];
        for (var p = 0; p < State.PoolCount; p++)
        {
            var country = State.SiteCountry[State.PoolSite[p]];
            if (country < 0 || country >= CountrySlots)
            {
                // A country outside the code table cannot be in an allowed set; the scan's filter decides it.
                continue;
            }

            (lists[(State.PoolModel[p] * CountrySlots) + country] ??= []).Add(p);
        }

        return [.. lists.Select(l => l?.ToArray())];
    }

    private int Score(in PlacementRequest job, double now, ReadOnlySpan<int> pools)
    {
        var totals = _totals.AsSpan(0, pools.Length);
        totals.Clear();
        var costs = _costs.AsSpan(0, pools.Length);
        var estimates = State.Estimate(job, pools, _cards, _runtime, _transfer);
        var scores = Profile.Scores;
        for (var s = 0; s < scores.Count; s++)
        {
            var plugin = scores[s];
            var weight = Profile.Weights.Of(plugin.Objective);
            if (weight <= 0)
            {
                continue;
            }

            plugin.Score(job, State, now, estimates, costs);
            Accumulate(costs, totals, weight);
        }

        var best = 0;
        for (var i = 1; i < totals.Length; i++)
        {
            // Ties go to the earlier pool in network order, so decisions are deterministic.
            if (totals[i] > totals[best] || (totals[i] == totals[best] && pools[i] < pools[best]))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Adds the normalised scores of <paramref name="costs"/> to <paramref name="totals"/>: 0..100 x weight, the cheapest at 100, as kube-scheduler's NormalizeScore does.</summary>
    internal static void Accumulate(ReadOnlySpan<double> costs, Span<double> totals, double weight)
    {
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(costs);
        var vmin = new Vector<double>(double.PositiveInfinity);
        var vmax = new Vector<double>(double.NegativeInfinity);
        foreach (var v in vectors)
        {
            vmin = Vector.Min(vmin, v);
            vmax = Vector.Max(vmax, v);
        }

        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        for (var j = 0; j < Vector<double>.Count; j++)
        {
            min = Math.Min(min, vmin[j]);
            max = Math.Max(max, vmax[j]);
        }

        for (var i = vectors.Length * Vector<double>.Count; i < costs.Length; i++)
        {
            min = Math.Min(min, costs[i]);
            max = Math.Max(max, costs[i]);
        }

        var range = max - min;
        if (range <= 0)
        {
            var full = 100 * weight;
            for (var i = 0; i < totals.Length; i++)
            {
                totals[i] += full;
            }

            return;
        }

        var k = 100 * weight / range;
        var totalVectors = MemoryMarshal.Cast<double, Vector<double>>(totals);
        var vk = new Vector<double>(k);
        var vtop = new Vector<double>(max);
        for (var i = 0; i < totalVectors.Length; i++)
        {
            totalVectors[i] += (vtop - vectors[i]) * vk;
        }

        for (var i = totalVectors.Length * Vector<double>.Count; i < totals.Length; i++)
        {
            totals[i] += (max - costs[i]) * k;
        }
    }
}
