using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Tests.State;

public sealed partial class ClusterStateTests
{
    private const string Network = """
        name: state
        currency: CNY
        exchange_rates: { USD: 7 }
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon:
              period_hours: 24
              points:
                - { at_hour: 0, gco2_per_kwh: 500 }
                - { at_hour: 12, gco2_per_kwh: 100 }
            uplink_gbps: 20
            pools:
              - { model: H100-SXM, cards_per_node: 8, nodes: 4, price: 25, spot_price: 10 }
              - { model: T4, cards_per_node: 4, nodes: 3, price: 2 }
          - id: b
            owner: o
            jurisdiction: SG
            tier: hub
            carbon: 400
            uplink_gbps: 5
            pools:
              - { model: A100-80GB, cards_per_node: 16, nodes: 2, price: 1.5, currency: USD }
          - id: c
            owner: o
            jurisdiction: CN
            tier: edge
            carbon: 300
            pools:
              - { model: H100-SXM, cards_per_node: 2, nodes: 1, price: 25 }
          - id: sat
            owner: o
            jurisdiction: CN
            tier: orbital
            carbon: 0
            pools:
              - { model: T4, cards_per_node: 1, nodes: 2, price: 40 }
        links:
          - sites: [a, b]
            bandwidth_gbps: 40
          - sites: [a, sat]
            bandwidth_gbps: 0.9
            contact: { period_minutes: 90, open_minutes: 10, offset_minutes: 30 }
        """;

    [Fact]
    public void Constructor_LaysOutPoolsInSiteOrderWithEveryCardFree()
    {
        var state = Networks.State(Network);

        Assert.Equal(4, state.SiteCount);
        Assert.Equal(5, state.PoolCount);
        Assert.Equal([0, 0, 1, 2, 3], state.PoolSite);
        Assert.Equal([0, 2, 3, 4, 5], state.SiteFirstPool);
        Assert.Equal([8, 4, 16, 2, 1], state.PoolCardsPerNode);
        Assert.Equal([32, 12, 32, 2, 2], state.PoolTotalCards);
        Assert.Equal(state.PoolTotalCards, state.PoolFreeCards);
        Assert.Equal(80, state.TotalCards);
        Assert.All(state.SiteUp, Assert.True);
        Assert.Equal([0, 4, 7, 9, 10, 12], state.PoolNodeStart);
        Assert.Equal(12, state.NodeFree.Length);
        Assert.Equal(4, state.NodesWithFree(0, 8));
        Assert.Equal(3, state.NodesWithFree(1, 1));
    }

    [Fact]
    public void Constructor_ConvertsPricesToTheBaseCurrency()
    {
        var state = Networks.State(Network);

        Assert.Equal(25, state.PoolPrice[0]);
        Assert.Equal(10, state.PoolSpotPrice[0]);
        Assert.Equal(2, state.PoolSpotPrice[1]);
        Assert.Equal(10.5, state.PoolPrice[2], 12);
    }

    [Fact]
    public void PoolsByModel_IndexesEveryPoolUnderItsModel()
    {
        var state = Networks.State(Network);
        var catalog = state.Catalog;

        Assert.Equal([0, 3], state.PoolsByModel[catalog.IndexOf("H100-SXM")]);
        Assert.Equal([1, 4], state.PoolsByModel[catalog.IndexOf("T4")]);
        Assert.Equal([2], state.PoolsByModel[catalog.IndexOf("A100-80GB")]);
        Assert.Empty(state.PoolsByModel[catalog.IndexOf("H20")]);
        Assert.Equal(catalog.Count, state.PoolsByModel.Length);
    }

    [Fact]
    public void Allocate_ThenRelease_RestoresEveryCount()
    {
        var state = Networks.State(Network);
        var nodeFree = state.NodeFree.ToArray();
        var histogram = state.FreeHistogram.ToArray();

        var allocation = state.Allocate(0, new JobShape(8, 3), new BestFitPacker());
        Assert.NotNull(allocation);
        Assert.Equal(8, state.PoolFreeCards[0]);
        Assert.Equal(1, state.NodesWithFree(0, 8));

        state.Release(allocation.Value);

        Assert.Equal(nodeFree, state.NodeFree);
        Assert.Equal(histogram, state.FreeHistogram);
        Assert.Equal(32, state.PoolFreeCards[0]);
    }

    [Fact]
    public void Allocate_Gang_TakesDistinctNodes()
    {
        var state = Networks.State(Network);

        var allocation = state.Allocate(0, new JobShape(4, 3), new BestFitPacker())!.Value;

        Assert.Equal(3, allocation.Nodes);
        Assert.Equal(12, allocation.Cards);
        Assert.Equal(3, new[] { allocation.Node(0), allocation.Node(1), allocation.Node(2) }.Distinct().Count());
    }

    [Fact]
    public void Allocate_SingleNode_KeepsNoNodeArray()
    {
        var state = Networks.State(Network);

        var allocation = state.Allocate(0, new JobShape(2, 1), new BestFitPacker())!.Value;

        Assert.Null(allocation.MoreNodes);
        Assert.Equal(1, allocation.Nodes);
    }

    [Fact]
    public void Allocate_NoNodeWithRoom_FailsThoughTotalFreeCardsSuffice()
    {
        var state = Networks.State(Network);
        var packer = new BestFitPacker();
        for (var i = 0; i < 4; i++)
        {
            Assert.NotNull(state.Allocate(0, new JobShape(5, 1), packer));
        }

        Assert.Equal(12, state.PoolFreeCards[0]);
        Assert.Null(state.Allocate(0, new JobShape(4, 1), packer));
        Assert.Equal(12, state.PoolFreeCards[0]);
        Assert.Equal(4, state.FreeHistogram[state.PoolHistogramStart[0] + 3]);
    }

    [Fact]
    public void Allocate_MoreCardsPerNodeThanNodesHold_Fails()
    {
        var state = Networks.State(Network);

        Assert.Null(state.Allocate(1, new JobShape(5, 1), new BestFitPacker()));
        Assert.Equal(12, state.PoolFreeCards[1]);
    }

    [Fact]
    public void Allocate_MoreNodesThanFree_Fails()
    {
        var state = Networks.State(Network);

        Assert.Null(state.Allocate(1, new JobShape(1, 4), new BestFitPacker()));
    }

    [Fact]
    public void Release_MoreThanANodeHolds_Throws()
    {
        var state = Networks.State(Network);

        Assert.Throws<InvalidOperationException>(() => state.Release(new Allocation(0, 1, 0, null)));
        Assert.Equal(32, state.PoolFreeCards[0]);
    }

    [Fact]
    public void Release_MoreThanWasTaken_Throws()
    {
        var state = Networks.State(Network);
        var taken = state.Allocate(3, new JobShape(1, 1), new BestFitPacker())!.Value;

        Assert.Throws<InvalidOperationException>(() => state.Release(taken with { CardsPerNode = 2 }));
        Assert.Equal(1, state.PoolFreeCards[3]);
    }

    [Fact]
    public void Release_Twice_Throws()
    {
        var state = Networks.State(Network);
        var taken = state.Allocate(2, new JobShape(16, 2), new BestFitPacker())!.Value;
        state.Release(taken);

        Assert.Throws<InvalidOperationException>(() => state.Release(taken));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2024)]
    public void AllocateAndRelease_RandomSequence_MatchesASimpleModelAfterEveryStep(int seed)
    {
        var state = Networks.State(Network);
        var random = new Random(seed);
        INodePacker[] packers = [new BestFitPacker(), new FragmentationAwarePacker()];
        var used = new int[state.NodeFree.Length];
        var held = new List<Allocation>();

        for (var step = 0; step < 2000; step++)
        {
            if (held.Count > 0 && random.Next(3) == 0)
            {
                var index = random.Next(held.Count);
                var allocation = held[index];
                held.RemoveAt(index);
                state.Release(allocation);
                for (var i = 0; i < allocation.Nodes; i++)
                {
                    used[state.PoolNodeStart[allocation.Pool] + allocation.Node(i)] -= allocation.CardsPerNode;
                }
            }
            else
            {
                var pool = random.Next(state.PoolCount);
                var shape = new JobShape(random.Next(1, state.PoolCardsPerNode[pool] + 2), random.Next(1, 4));
                var roomy = 0;
                for (var n = 0; n < state.PoolNodes[pool]; n++)
                {
                    roomy += state.PoolCardsPerNode[pool] - used[state.PoolNodeStart[pool] + n] >= shape.CardsPerNode ? 1 : 0;
                }

                var result = state.Allocate(pool, shape, packers[step % 2]);

                Assert.Equal(roomy >= shape.Nodes, result.HasValue);
                if (result is { } allocation)
                {
                    Assert.Equal(pool, allocation.Pool);
                    Assert.Equal(shape.Nodes, allocation.Nodes);
                    var nodes = new HashSet<int>();
                    for (var i = 0; i < allocation.Nodes; i++)
                    {
                        Assert.True(nodes.Add(allocation.Node(i)));
                        Assert.InRange(allocation.Node(i), 0, state.PoolNodes[pool] - 1);
                        used[state.PoolNodeStart[pool] + allocation.Node(i)] += shape.CardsPerNode;
                    }

                    held.Add(allocation);
                }
            }

            AssertMatchesModel(state, used, held);
        }
    }
}
