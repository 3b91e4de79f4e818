using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;
using Suanwang.Simulation.Synthetic;

namespace Suanwang.Bench.Placement;

/// <summary>
/// One synthetic network with its engine (every filter and score, balanced weights) and a
/// request mix, in a loaded state: each pool part busy, a few sites down, queue-wait estimates
/// set, carbon at midday. Deciding does not change the state, so every run sees the same load.
/// </summary>
public sealed class PlacementFixture
{
    /// <summary>Requests in the mix; a power of two so the loop can wrap with a mask.</summary>
    public const int MixSize = 4096;

    /// <summary>Simulated time of the decisions: 12:00 on day one, when carbon profiles dip.</summary>
    public const double Now = 12 * 3600;

    private readonly PlacementRequest[] _requests;
    private int _next;

    private PlacementFixture(int sites, ClusterState state, PlacementEngine engine, PlacementRequest[] requests)
    {
        Sites = sites;
        State = state;
        Engine = engine;
        _requests = requests;
    }

    public int Sites { get; }

    public ClusterState State { get; }

    public PlacementEngine Engine { get; }

    /// <summary>Builds the fixture for <paramref name="sites"/> sites; the same seed gives the same network, load and mix.</summary>
    public static PlacementFixture Create(int sites, int seed = 42)
    {
        var network = SyntheticNetwork.Create(sites, seed);
        var state = new ClusterState(network);
        Load(state, new Random(seed));
        state.AdvanceTo(Now);
        var weights = ObjectiveWeights.ForName("balanced") ?? throw new InvalidOperationException("no balanced weights");
        var engine = new PlacementEngine(state, SchedulerProfile.Default(weights));
        return new PlacementFixture(sites, state, engine, RequestMix.Create(network, MixSize, seed));
    }

    /// <summary>Makes <paramref name="count"/> decisions, walking the mix; returns a checksum so the work cannot be elided.</summary>
    public long Decide(int count)
    {
        var requests = _requests;
        var engine = Engine;
        var next = _next;
        long sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += engine.TryPlace(requests[next], Now, out var placement) ? placement.Pool + 1 : 0;
            next = (next + 1) & (MixSize - 1);
        }

        _next = next;
        return sum;
    }

    /// <summary>Request <paramref name="i"/> of the mix, wrapping.</summary>
    public ref readonly PlacementRequest Request(int i) => ref _requests[i & (MixSize - 1)];

    /// <summary>Share of the mix that finds a pool in this state (a decision that fails is still a decision).</summary>
    public double PlacedShare()
    {
        var placed = 0;
        foreach (var request in _requests)
        {
            placed += Engine.TryPlace(request, Now, out _) ? 1 : 0;
        }

        return (double)placed / _requests.Length;
    }

    /// <summary>
    /// FNV-1a hash of the pool each request of the mix is placed on (or none), in mix order: equal
    /// digests before and after a change to the engine mean it made the same decisions. With
    /// <paramref name="fullScan"/> the decisions are the reference scan's, which the indexed ones must equal.
    /// </summary>
    public ulong DecisionDigest(bool fullScan = false)
    {
        var hash = 14695981039346656037UL;
        foreach (var request in _requests)
        {
            var placed = fullScan ? Engine.TryPlaceFullScan(request, Now, out var placement) : Engine.TryPlace(request, Now, out placement);
            var pool = placed ? placement.Pool : -1;
            hash = (hash ^ (uint)pool) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>Busy cards over all cards.</summary>
    public double Utilization => 1.0 - ((double)State.PoolFreeCards.Sum() / State.TotalCards);

    /// <summary>Fills each pool to a random 10-95 % with 1- to 8-card jobs, takes 2 % of sites down and sets queue-wait estimates.</summary>
    private static void Load(ClusterState state, Random random)
    {
        var packer = new BestFitPacker();
        for (var p = 0; p < state.PoolCount; p++)
        {
            var target = (int)(state.PoolTotalCards[p] * (0.10 + random.NextDouble() * 0.85));
            var busy = 0;
            while (busy < target)
            {
                var cards = 1 << random.Next(4);
                if (state.Allocate(p, new JobShape(cards, 1), packer) is null)
                {
                    break;
                }

                busy += cards;
            }

            state.PoolWaitSeconds[p] = random.NextDouble() < 0.5 ? 0 : random.NextDouble() * 1800;
        }

        for (var s = 0; s < state.SiteCount; s++)
        {
            if (random.NextDouble() < 0.02)
            {
                state.SetSiteUp(s, false);
            }
        }
    }
}
