using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;
using Suanwang.Core.Money;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;
using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Tests.Engine;

/// <summary>
/// The indexed decision against the full scan it replaces, over random networks, loads and
/// requests: same pool (ties included) and same score, while cards are taken and given back,
/// waits change, carbon steps, sites go down, blocks and a backfill reservation are held.
/// Prices, carbon and waits come from a few values so that equal scores are common.
/// </summary>
public sealed class PlacementIndexTests
{
    private static readonly string[] s_models = ["H100-SXM", "H20", "A100-80GB", "A100-40GB", "V100-32GB", "T4", "H200"];
    private static readonly string[] s_countries = ["CN", "KZ", "UZ", "SG"];
    private static readonly string[] s_weights = ["time", "cost", "carbon", "balanced"];

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TryPlace_RandomStatesAndRequests_ChoosesWhatTheFullScanChooses(int seed)
    {
        var random = new Random(seed);
        var network = RandomNetwork(random, 5 + random.Next(seed % 4 == 0 ? 400 : 60));
        AssertAgreesWithScan(random, network);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TryPlace_LinkedSitesAndUplinksOfEverySpeed_ChoosesWhatTheFullScanChooses(int seed)
    {
        // Transfers of jobs with inputs then depend on each site's uplink, and on links that bypass it.
        var random = new Random(seed);
        var network = RandomNetwork(random, 5 + random.Next(seed % 4 == 0 ? 400 : 60));
        var sites = network.Sites.Select(s => s with { UplinkGbps = random.Next(4) == 0 ? 10 : 1 + random.Next(100) }).ToList();
        var links = Enumerable.Range(0, random.Next(sites.Count))
            .Select(_ => (A: random.Next(sites.Count), B: random.Next(sites.Count)))
            .Where(l => l.A != l.B)
            .DistinctBy(l => (Math.Min(l.A, l.B), Math.Max(l.A, l.B)))
            .Select(l => new SiteLink(sites[l.A].Id, sites[l.B].Id, 1 + random.Next(200), 5, random.Next(4) == 0 ? new ContactWindow(5400, 600, 0) : null))
            .ToList();
        AssertAgreesWithScan(random, network with { Sites = sites, Links = links });
    }

    private static void AssertAgreesWithScan(Random random, Network network)
    {
        var state = new ClusterState(network);
        var reservation = new ReservationFilter();
        var engine = new PlacementEngine(state, RandomProfile(random, reservation)) { IndexFromPools = 0 };
        var compiler = new RequestCompiler(network);
        var held = new List<Allocation>();
        var now = 0.0;
        LoadRandomly(state, random, held);

        for (var i = 0; i < 300; i++)
        {
            var job = compiler.Compile(RandomSpec(random, network, i), i, random.Next(4), now, "test");
            var indexed = engine.TryPlace(job, now, out var chosen);
            var scanned = engine.TryPlaceFullScan(job, now, out var reference);

            Assert.Equal(scanned, indexed);
            Assert.Equal(reference.Pool, chosen.Pool);
            Assert.Equal(reference.Score, chosen.Score);

            Perturb(state, random, reservation, held, indexed ? chosen : null, ref now);
        }
    }

    [Fact]
    public void TryPlace_ManyEqualScores_TakesTheEarliestPoolAsTheScanDoes()
    {
        var sites = Enumerable.Range(0, 50).Select(s => Site($"s{s:D2}", "CN", 300, [Pool("A100-80GB", 8, 2, 10m)])).ToList();
        var state = new ClusterState(new Network("ties", "CNY", new Dictionary<string, decimal>(), sites, [], AcceleratorCatalog.Default));
        var engine = new PlacementEngine(state, SchedulerProfile.Default(ObjectiveWeights.ForName("balanced")!.Value)) { IndexFromPools = 0 };
        state.SetSiteUp(0, false);
        var job = new RequestCompiler(state.Network).Compile(Spec(4, 3600), 1, 0, 0, "test");

        Assert.True(engine.TryPlace(job, 0, out var placement));

        Assert.Equal(1, placement.Pool);
    }

    private static void Perturb(ClusterState state, Random random, ReservationFilter reservation, List<Allocation> held, Placement? chosen, ref double now)
    {
        if (chosen is { } placed && random.NextDouble() < 0.6 && state.Allocate(placed.Pool, placed.Shape, new BestFitPacker()) is { } allocation)
        {
            held.Add(allocation);
        }

        var roll = random.NextDouble();
        if (roll < 0.2 && held.Count > 0)
        {
            var k = random.Next(held.Count);
            state.Release(held[k]);
            held.RemoveAt(k);
        }
        else if (roll < 0.3)
        {
            state.PoolWaitSeconds[random.Next(state.PoolCount)] = Wait(random);
        }
        else if (roll < 0.35)
        {
            now += random.Next(4) * 3 * 3600;
            state.AdvanceTo(now);
        }
        else if (roll < 0.4)
        {
            state.SetSiteUp(random.Next(state.SiteCount), random.NextDouble() < 0.5);
        }
        else if (roll < 0.45)
        {
            reservation.Hold(random.Next(state.PoolCount), now + random.Next(4) * 1800, random.Next(9));
        }
        else if (roll < 0.5)
        {
            reservation.Clear();
        }
        else if (roll < 0.53)
        {
            var ends = now + 3600;
            var blocks = Enumerable.Range(0, random.Next(4)).Select(_ => new HeldBlock(random.Next(state.PoolCount), random.Next(4), 1 + random.Next(16), ends)).ToArray();
            state.SetBlocks(blocks);
        }

    }

    private static void LoadRandomly(ClusterState state, Random random, List<Allocation> held)
    {
        var packer = new BestFitPacker();
        for (var p = 0; p < state.PoolCount; p++)
        {
            var target = (int)(state.PoolTotalCards[p] * random.NextDouble());
            for (var busy = 0; busy < target;)
            {
                var cards = Math.Min(state.PoolCardsPerNode[p], 1 << random.Next(4));
                if (state.Allocate(p, new JobShape(cards, 1), packer) is not { } allocation)
                {
                    break;
                }

                held.Add(allocation);
                busy += cards;
            }

            state.PoolWaitSeconds[p] = Wait(random);
        }
    }

    private static double Wait(Random random) => random.Next(4) switch
    {
        0 or 1 => 0,
        2 => 600,
        _ => random.NextDouble() * 1800,
    };

    private static SchedulerProfile RandomProfile(Random random, ReservationFilter reservation)
    {
        var weights = random.NextDouble() < 0.8
            ? ObjectiveWeights.ForName(s_weights[random.Next(s_weights.Length)])!.Value
            : new ObjectiveWeights(random.Next(3) * 0.5, random.Next(3) * 0.5, random.Next(3) * 0.5, random.Next(2) * 0.3);
        var basic = SchedulerProfile.Default(weights);
        return new SchedulerProfile([.. basic.Filters, reservation], basic.Scores, weights, basic.Packer);
    }

    private static Network RandomNetwork(Random random, int sites)
    {
        var list = new List<Site>(sites);
        for (var s = 0; s < sites; s++)
        {
            var pools = new List<AcceleratorPool>();
            for (var p = 0; p < 1 + random.Next(2); p++)
            {
                pools.Add(Pool(s_models[random.Next(s_models.Length)], random.NextDouble() < 0.8 ? 8 : 4, 1 + random.Next(6), 4m * (1 + random.Next(3))));
            }

            list.Add(Site($"site-{s:D4}", s_countries[random.Next(s_countries.Length)], 100 * (1 + random.Next(3)), pools));
        }

        return new Network($"random-{sites}", "CNY", new Dictionary<string, decimal>(), list, [], AcceleratorCatalog.Default);
    }

    private static AcceleratorPool Pool(string model, int cardsPerNode, int nodes, decimal price) =>
        new(AcceleratorCatalog.Default.Models[AcceleratorCatalog.Default.IndexOf(model)], cardsPerNode, nodes, price, price / 2, "CNY");

    private static Site Site(string id, string country, double carbon, IReadOnlyList<AcceleratorPool> pools) => new(
        id,
        "owner",
        new Jurisdiction(country),
        SiteTier.Core,
        new GeoLocation(30, 100),
        new CarbonProfile([new CarbonPoint(0, carbon), new CarbonPoint(10 * 3600, carbon / 2)], 24 * 3600),
        0.5,
        pools,
        10,
        new Reliability(5000, 2));

    private static JobSpec Spec(int cards, double runtime) => new(
        "job",
        "tenant",
        null,
        new ResourceRequest([], AcceleratorChoice.AnyOf, cards, 1, null, 0),
        runtime,
        "V100-32GB",
        true,
        null,
        0,
        false,
        null,
        [],
        []);

    private static JobSpec RandomSpec(Random random, Network network, int i)
    {
        var spec = Spec(1 << random.Next(4), 600 * (1 + random.Next(6))) with { Name = $"job-{i}" };
        switch (random.Next(8))
        {
            case 0:
                return spec;
            case 1:
                return spec with { Resources = spec.Resources with { MinMemoryGiB = 48 } };
            case 2:
                var choice = random.NextDouble() < 0.5 ? AcceleratorChoice.Preference : AcceleratorChoice.AnyOf;
                return spec with { Resources = spec.Resources with { Accelerators = s_models.OrderBy(_ => random.Next()).Take(2 + random.Next(2)).ToArray(), Choice = choice } };
            case 3:
                return spec with { Resources = spec.Resources with { CardsPerNode = 0, Nodes = 0, Pflops = 0.5 + random.Next(8) * 0.5 } };
            case 4:
                return spec with { Resources = spec.Resources with { CardsPerNode = 4, Nodes = 2 } };
            case 5:
                return spec with
                {
                    Spot = true,
                    TimeLimitSeconds = spec.EstimatedRuntimeSeconds * (0.5 + random.NextDouble()),
                    Budget = new Money(Math.Round((decimal)(random.NextDouble() * 60), 2), "CNY"),
                };
            case 6:
                var holder = network.Sites[random.Next(network.Sites.Count)];
                return spec with
                {
                    Inputs = random.Next(2) == 0
                        ? [new DataInput("dataset", 10 + random.Next(100), holder.Id, holder.Jurisdiction, DataClass.General)]
                        : [new DataInput("dataset", 10 + random.Next(100), holder.Id, holder.Jurisdiction, DataClass.General), new DataInput("weights", 1 + random.Next(50), null, holder.Jurisdiction, DataClass.General)],
                    AllowedJurisdictions = [holder.Jurisdiction, new Jurisdiction(s_countries[random.Next(s_countries.Length)])],
                };
            default:
                return spec with { AllowedJurisdictions = [new Jurisdiction(s_countries[random.Next(s_countries.Length)])] };
        }
    }
}
