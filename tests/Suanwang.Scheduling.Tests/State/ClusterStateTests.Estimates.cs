using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Tests.State;

/// <summary>Estimates the state makes for a job: transfer time, contact, shape, run time and cost.</summary>
public sealed partial class ClusterStateTests
{
    [Fact]
    public void TransferSeconds_OverALink_UsesItsBandwidth()
    {
        var state = Networks.State(Network);

        // 100 GB = 800 Gbit over 40 Gbit/s, either way round.
        Assert.Equal(20, state.TransferSeconds(0, 1, 100), 12);
        Assert.Equal(20, state.TransferSeconds(1, 0, 100), 12);
    }

    [Fact]
    public void TransferSeconds_WithoutALink_UsesTheSlowerUplink()
    {
        var state = Networks.State(Network);

        // b (5 Gbit/s) to c (default 10 Gbit/s): 800 Gbit at 5.
        Assert.Equal(160, state.TransferSeconds(1, 2, 100), 12);
    }

    [Fact]
    public void TransferSeconds_FromOutside_UsesTheDestinationUplink()
    {
        var state = Networks.State(Network);

        Assert.Equal(40, state.TransferSeconds(-1, 0, 100), 12);
        Assert.Equal(160, state.TransferSeconds(-1, 1, 100), 12);
    }

    [Fact]
    public void TransferSeconds_ContactLink_CarriesDataAtItsDutyCycle()
    {
        var state = Networks.State(Network);

        // 0.9 Gbit/s up 10 minutes in 90: 0.1 Gbit/s on average, so 1 GB takes 80 s.
        Assert.Equal(80, state.TransferSeconds(0, 3, 1), 9);
    }

    [Fact]
    public void TransferSeconds_SameSiteOrNoData_IsZero()
    {
        var state = Networks.State(Network);

        Assert.Equal(0, state.TransferSeconds(2, 2, 1000));
        Assert.Equal(0, state.TransferSeconds(0, 1, 0));
    }

    [Fact]
    public void AdvanceTo_UpdatesCarbonAndOrbitalContact()
    {
        var state = Networks.State(Network);

        Assert.Equal(500, state.SiteCarbon[0]);
        Assert.False(state.SiteInContact[3]);
        Assert.True(state.SiteInContact[0]);

        state.AdvanceTo(35 * 60);

        Assert.True(state.SiteInContact[3]);
        Assert.Equal(500, state.SiteCarbon[0]);

        state.AdvanceTo(13 * 3600);

        Assert.False(state.SiteInContact[3]);
        Assert.Equal(100, state.SiteCarbon[0]);
        Assert.Equal(400, state.SiteCarbon[1]);
    }

    [Fact]
    public void NextContact_IsTheStartOfTheNextPass()
    {
        var state = Networks.State(Network);

        Assert.Equal(30 * 60, state.NextContact(3, 0));
        Assert.Equal(35 * 60, state.NextContact(3, 35 * 60));
        Assert.Equal(120 * 60, state.NextContact(3, 40 * 60));
        Assert.Equal(1234, state.NextContact(2, 1234));
    }

    [Fact]
    public void ShapeOn_PflopsJob_RoundsUpToWholeCardsSpreadEvenlyOverNodes()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { pflops: 10 }\nestimated_runtime: 1h\n");

        // 10 P is 11 H100 cards, two 8-card nodes of 6; or 33 A100 cards, three 16-card nodes of 11.
        Assert.Equal(new JobShape(6, 2), state.ShapeOn(job, 0));
        Assert.Equal(new JobShape(11, 3), state.ShapeOn(job, 2));
    }

    [Fact]
    public void ShapeOn_SmallPflopsJob_FitsOneNode()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { pflops: 1.978 }\nestimated_runtime: 1h\n");

        Assert.Equal(new JobShape(2, 1), state.ShapeOn(job, 0));
    }

    [Fact]
    public void ShapeOn_CardJob_IsTheRequestedGangEverywhere()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "num_nodes: 3\nresources: { cards: 4 }\nestimated_runtime: 1h\n");

        Assert.All(state.AllPools, p => Assert.Equal(new JobShape(4, 3), state.ShapeOn(job, p)));
    }

    [Fact]
    public void RuntimeOn_PflopsJob_ShortensByTheRoundingUpOfCards()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { pflops: 2 }\nestimated_runtime: 1h\n");

        // 2 P on H100 is 3 cards (2.967 P), so the hour shrinks by 2/2.967.
        Assert.Equal(3600 * 2 / 2.967, state.RuntimeOn(job, 0), 9);
    }

    [Fact]
    public void CostOn_IsPriceTimesCardsTimesHours()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: H100-SXM:4 }\nestimated_runtime: 90m\n");
        var spot = Jobs.Compile(state.Network, "resources: { accelerators: H100-SXM:4 }\nestimated_runtime: 90m\nspot: true\n");

        Assert.Equal(25.0 * 4 * 1.5, state.CostOn(job, 0), 9);
        Assert.Equal(10.0 * 4 * 1.5, state.CostOn(spot, 0), 9);
        Assert.Equal(0.7 * 4 * 1.5, state.EnergyKwhOn(job, 0), 9);
    }

    private static void AssertMatchesModel(ClusterState state, int[] used, List<Allocation> held)
    {
        for (var p = 0; p < state.PoolCount; p++)
        {
            var cpn = state.PoolCardsPerNode[p];
            var histogram = new int[cpn + 1];
            var free = 0;
            for (var n = 0; n < state.PoolNodes[p]; n++)
            {
                var node = state.PoolNodeStart[p] + n;
                Assert.Equal(cpn - used[node], state.NodeFree[node]);
                histogram[state.NodeFree[node]]++;
                free += state.NodeFree[node];
            }

            Assert.Equal(histogram, state.FreeHistogram.AsSpan(state.PoolHistogramStart[p], cpn + 1).ToArray());
            Assert.Equal(free, state.PoolFreeCards[p]);
            Assert.Equal(state.PoolTotalCards[p] - held.Where(a => a.Pool == p).Sum(a => a.Cards), state.PoolFreeCards[p]);
        }
    }
}
