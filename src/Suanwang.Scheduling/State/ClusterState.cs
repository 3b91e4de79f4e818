using Suanwang.Core.Accelerators;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Scheduling.State;

/// <summary>
/// The live state of every site and pool, kept as struct-of-arrays so plugins sweep all
/// candidates in tight loops (see DESIGN.md, Placement). Index i of a <c>Pool*</c> array is
/// pool i; index s of a <c>Site*</c> array is site s in network order.
/// </summary>
public sealed partial class ClusterState
{
    private double _carbonFrom = double.NaN;
    private double _carbonUntil = double.NaN;

    /// <summary>Builds the state of <paramref name="network"/> with every site up and every card free.</summary>
    public ClusterState(Network network)
    {
        Network = network;
        Catalog = network.Catalog;
        if (Catalog.Count > 64)
        {
            throw new ArgumentException("the scheduler supports at most 64 accelerator models", nameof(network));
        }

        var sites = network.Sites;
        SiteCount = sites.Count;
        SiteUp = new bool[SiteCount];
        SiteCountry = new int[SiteCount];
        SiteZone = new string?[SiteCount];
        SiteOrbital = new bool[SiteCount];
        SiteInContact = new bool[SiteCount];
        SiteCarbon = new double[SiteCount];
        SiteUplinkGbps = new double[SiteCount];
        SiteFirstPool = new int[SiteCount + 1];

        var poolCount = sites.Sum(s => s.Pools.Count);
        PoolCount = poolCount;
        PoolSite = new int[poolCount];
        PoolModel = new int[poolCount];
        PoolCardsPerNode = new int[poolCount];
        PoolNodes = new int[poolCount];
        PoolTotalCards = new int[poolCount];
        PoolFreeCards = new int[poolCount];
        PoolTflops = new double[poolCount];
        PoolPflops = new double[poolCount];
        PoolMemoryGiB = new double[poolCount];
        PoolWatts = new double[poolCount];
        PoolPrice = new double[poolCount];
        PoolSpotPrice = new double[poolCount];
        PoolWaitSeconds = new TrackedValues(poolCount);
        PoolMaxNodeFree = new int[poolCount];
        PoolNodeStart = new int[poolCount + 1];
        PoolHistogramStart = new int[poolCount + 1];

        var p = 0;
        var nodeTotal = 0;
        var histTotal = 0;
        for (var s = 0; s < SiteCount; s++)
        {
            var site = sites[s];
            SiteUp[s] = true;
            SiteCountry[s] = CountryCodes.IndexOf(site.Jurisdiction.Country);
            SiteZone[s] = site.Jurisdiction.Zone;
            SiteOrbital[s] = site.Tier == SiteTier.Orbital;
            SiteInContact[s] = !SiteOrbital[s];
            SiteCarbon[s] = site.Carbon.At(0);
            SiteUplinkGbps[s] = site.UplinkGbps;
            SiteFirstPool[s] = p;
            foreach (var pool in site.Pools)
            {
                var model = Catalog.IndexOf(pool.Model.Id);
                PoolSite[p] = s;
                PoolModel[p] = model;
                PoolCardsPerNode[p] = pool.CardsPerNode;
                PoolNodes[p] = pool.Nodes;
                PoolTotalCards[p] = pool.Cards;
                PoolFreeCards[p] = pool.Cards;
                PoolTflops[p] = pool.Model.Fp16Tflops;
                PoolPflops[p] = pool.Model.Pflops;
                PoolMemoryGiB[p] = pool.Model.MemoryGiB;
                PoolWatts[p] = pool.Model.TdpWatts;
                PoolPrice[p] = (double)network.ToBase(pool.PricePerCardHour, pool.Currency);
                PoolSpotPrice[p] = (double)network.ToBase(pool.SpotPricePerCardHour, pool.Currency);
                PoolNodeStart[p] = nodeTotal;
                PoolHistogramStart[p] = histTotal;
                nodeTotal += pool.Nodes;
                histTotal += pool.CardsPerNode + 1;
                p++;
            }
        }

        SiteFirstPool[SiteCount] = p;
        PoolNodeStart[poolCount] = nodeTotal;
        PoolHistogramStart[poolCount] = histTotal;
        NodeFree = new int[nodeTotal];
        FreeHistogram = new int[histTotal];
        for (var i = 0; i < poolCount; i++)
        {
            NodeFree.AsSpan(PoolNodeStart[i], PoolNodes[i]).Fill(PoolCardsPerNode[i]);
            FreeHistogram[PoolHistogramStart[i] + PoolCardsPerNode[i]] = PoolNodes[i];
            PoolMaxNodeFree[i] = PoolNodes[i] > 0 ? PoolCardsPerNode[i] : 0;
        }

        PoolsByModel = BuildModelIndex();
        BuildCapacityBuckets();
        AllPools = Enumerable.Range(0, poolCount).ToArray();
        BuildLinks(network);
        TotalCards = PoolTotalCards.Sum();
        HasOrbitalSites = Array.IndexOf(SiteOrbital, true) >= 0;
    }

    /// <summary>The network the state describes.</summary>
    public Network Network { get; }

    /// <summary>The accelerator catalog.</summary>
    public AcceleratorCatalog Catalog { get; }

    /// <summary>Number of sites.</summary>
    public int SiteCount { get; }

    /// <summary>Number of pools.</summary>
    public int PoolCount { get; }

    /// <summary>Cards in the whole network.</summary>
    public int TotalCards { get; }

    /// <summary>Whether each site is up.</summary>
    public bool[] SiteUp { get; }

    /// <summary>Country index (<see cref="CountryCodes"/>) of each site.</summary>
    public int[] SiteCountry { get; }

    /// <summary>Zone of each site, or null.</summary>
    public string?[] SiteZone { get; }

    /// <summary>Whether each site is in orbit.</summary>
    public bool[] SiteOrbital { get; }

    /// <summary>True when some site is in orbit; without one, every site is always in contact.</summary>
    public bool HasOrbitalSites { get; }

    /// <summary>Whether each site can be reached now (always true on the ground).</summary>
    public bool[] SiteInContact { get; }

    /// <summary>Carbon intensity of each site now, gCO2/kWh; written only by <see cref="AdvanceTo"/>.</summary>
    public double[] SiteCarbon { get; }

    /// <summary>Changes whenever <see cref="AdvanceTo"/> rewrites <see cref="SiteCarbon"/>.</summary>
    public int CarbonVersion { get; private set; }

    /// <summary>Wide-area bandwidth of each site in Gbit/s.</summary>
    public double[] SiteUplinkGbps { get; }

    /// <summary>First pool of each site; pools of site s are [SiteFirstPool[s], SiteFirstPool[s+1]).</summary>
    public int[] SiteFirstPool { get; }

    /// <summary>Site of each pool.</summary>
    public int[] PoolSite { get; }

    /// <summary>Catalog index of each pool's model.</summary>
    public int[] PoolModel { get; }

    /// <summary>Cards per node of each pool.</summary>
    public int[] PoolCardsPerNode { get; }

    /// <summary>Nodes of each pool.</summary>
    public int[] PoolNodes { get; }

    /// <summary>All cards of each pool.</summary>
    public int[] PoolTotalCards { get; }

    /// <summary>Free cards of each pool.</summary>
    public int[] PoolFreeCards { get; }

    /// <summary>Dense FP16 TFLOPS per card of each pool.</summary>
    public double[] PoolTflops { get; }

    /// <summary>Dense FP16 PFLOPS per card of each pool (the model's P per card-hour).</summary>
    public double[] PoolPflops { get; }

    /// <summary>Memory per card of each pool.</summary>
    public double[] PoolMemoryGiB { get; }

    /// <summary>Power per card of each pool, watts.</summary>
    public double[] PoolWatts { get; }

    /// <summary>On-demand price per card-hour in the base currency (for scoring; billing uses decimals).</summary>
    public double[] PoolPrice { get; }

    /// <summary>Spot price per card-hour in the base currency.</summary>
    public double[] PoolSpotPrice { get; }

    /// <summary>Expected wait before a job placed on each pool starts, seconds; set by the host.</summary>
    public TrackedValues PoolWaitSeconds { get; }

    /// <summary>Most free cards on any one node of each pool: a one-node job of k cards fits when this is at least k.</summary>
    public int[] PoolMaxNodeFree { get; }

    /// <summary>Offset of each pool's nodes in <see cref="NodeFree"/>.</summary>
    public int[] PoolNodeStart { get; }

    /// <summary>Free cards of every node, pools one after another.</summary>
    public int[] NodeFree { get; }

    /// <summary>Offset of each pool's histogram in <see cref="FreeHistogram"/>.</summary>
    public int[] PoolHistogramStart { get; }

    /// <summary>For each pool, how many nodes have exactly k free cards, k = 0..cards per node.</summary>
    public int[] FreeHistogram { get; }

    /// <summary>Pools holding each catalog model: the index that cuts candidates before any plugin runs.</summary>
    public int[][] PoolsByModel { get; }

    /// <summary>Every pool index, in order.</summary>
    public int[] AllPools { get; }

    /// <summary>Number of nodes in <paramref name="pool"/> with at least <paramref name="cards"/> free.</summary>
    public int NodesWithFree(int pool, int cards)
    {
        var start = PoolHistogramStart[pool];
        var cpn = PoolCardsPerNode[pool];
        var n = 0;
        for (var k = cards; k <= cpn; k++)
        {
            n += FreeHistogram[start + k];
        }

        return n;
    }

    /// <summary>True when some node of <paramref name="pool"/> has at least <paramref name="cards"/> free; looks from the emptiest nodes down, which a loaded pool usually still has.</summary>
    public bool HasNodeWithFree(int pool, int cards)
    {
        var start = PoolHistogramStart[pool];
        var histogram = FreeHistogram;
        for (var k = start + PoolCardsPerNode[pool]; k >= start + cards; k--)
        {
            if (histogram[k] > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Refreshes time-dependent state (carbon, orbital contact) to <paramref name="now"/>.</summary>
    public void AdvanceTo(double now)
    {
        var sites = Network.Sites;
        if (!(now >= _carbonFrom && now < _carbonUntil))
        {
            // Profiles are step functions: recompute only when some site's step has passed, not on every cycle.
            var until = double.PositiveInfinity;
            for (var s = 0; s < SiteCount; s++)
            {
                var profile = sites[s].Carbon;
                SiteCarbon[s] = profile.At(now);
                until = Math.Min(until, profile.NextChange(now));
            }

            _carbonFrom = now;
            _carbonUntil = until;
            CarbonVersion++;
        }

        if (HasOrbitalSites)
        {
            for (var s = 0; s < SiteCount; s++)
            {
                if (SiteOrbital[s])
                {
                    SiteInContact[s] = IsInContact(s, now);
                }
            }
        }
    }

    private int[][] BuildModelIndex()
    {
        var lists = new List<int>[Catalog.Count];
        for (var m = 0; m < lists.Length; m++)
        {
            lists[m] = [];
        }

        for (var p = 0; p < PoolCount; p++)
        {
            lists[PoolModel[p]].Add(p);
        }

        return lists.Select(l => l.ToArray()).ToArray();
    }
}
