using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Tests.Filters;

public sealed class FitsFilterTests
{
    private const string Network = """
        name: fits
        currency: CNY
        sites:
          - id: big
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 3, price: 25 }]
          - id: small
            owner: o
            jurisdiction: CN
            tier: edge
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 25 }]
        """;

    private readonly FitsFilter _filter = new();

    private static void Take(ClusterState state, string site, int cards) =>
        Assert.NotNull(state.Allocate(state.Pool(site, "H100-SXM"), new JobShape(cards, 1), new BestFitPacker()));

    [Fact]
    public void Filter_GangAcrossNodes_KeepsPoolsWithEnoughWholeNodes()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "num_nodes: 2\nresources: { accelerators: H100-SXM:8 }\nestimated_runtime: 1h\n");

        Assert.Equal(["big/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_GangWhenOneNodeIsPartlyUsed_StillFitsOnTheOthers()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "num_nodes: 2\nresources: { accelerators: H100-SXM:8 }\nestimated_runtime: 1h\n");

        Take(state, "big", 1);

        Assert.Equal(["big/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_GangWhenTwoNodesArePartlyUsed_IsRejectedThoughCardsRemain()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "num_nodes: 2\nresources: { accelerators: H100-SXM:8 }\nestimated_runtime: 1h\n");

        Take(state, "big", 5);
        Take(state, "big", 5);

        Assert.Empty(Candidates.Passing(_filter, job, state));
        Assert.Equal(
            new Status(StatusCode.Unschedulable, "1 of 2 nodes have 8 free cards now (14 of 24 cards free)"),
            _filter.Explain(job, state, 0, state.Pool("big", "H100-SXM")));
    }

    [Fact]
    public void Filter_FragmentedNodes_RejectAJobThatFitsTheTotal()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: H100-SXM:4 }\nestimated_runtime: 1h\n");

        Take(state, "big", 5);
        Take(state, "big", 5);
        Take(state, "big", 5);
        Take(state, "small", 5);

        Assert.Empty(Candidates.Passing(_filter, job, state));
        Assert.Equal(
            new Status(StatusCode.Unschedulable, "0 of 1 nodes have 4 free cards now (9 of 24 cards free)"),
            _filter.Explain(job, state, 0, state.Pool("big", "H100-SXM")));
    }

    [Fact]
    public void Filter_SingleNodeJob_KeepsPoolsWithOneRoomyNode()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: H100-SXM:3 }\nestimated_runtime: 1h\n");

        Take(state, "small", 6);

        Assert.Equal(["big/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Explain_MoreCardsPerNodeThanANodeHolds_IsUnresolvable()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { cards: 16 }\nestimated_runtime: 1h\n");

        Assert.Empty(Candidates.Passing(_filter, job, state));
        Assert.Equal(
            new Status(StatusCode.UnschedulableAndUnresolvable, "nodes hold 8 cards, the job needs 16 on one node"),
            _filter.Explain(job, state, 0, state.Pool("big", "H100-SXM")));
    }

    [Fact]
    public void Explain_MoreNodesThanThePoolHas_IsUnresolvable()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "num_nodes: 4\nresources: { cards: 8 }\nestimated_runtime: 1h\n");

        Assert.Empty(Candidates.Passing(_filter, job, state));
        Assert.Equal(
            new Status(StatusCode.UnschedulableAndUnresolvable, "the pool has 3 nodes, the job needs 4"),
            _filter.Explain(job, state, 0, state.Pool("big", "H100-SXM")));
    }

    [Fact]
    public void Filter_PflopsJob_IsShapedIntoAGangOnEachPool()
    {
        // 10 P on H100 is 11 cards: two nodes of 6, which the one-node pool cannot hold.
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { pflops: 10 }\nestimated_runtime: 1h\n");

        Assert.Equal(["big/H100-SXM"], Candidates.Passing(_filter, job, state));
        Assert.Equal(
            new Status(StatusCode.UnschedulableAndUnresolvable, "the pool has 1 nodes, the job needs 2"),
            _filter.Explain(job, state, 0, state.Pool("small", "H100-SXM")));
    }

    [Fact]
    public void Explain_RoomyPool_IsSuccess()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "num_nodes: 3\nresources: { cards: 8 }\nestimated_runtime: 1h\n");

        Assert.Equal(Status.Success, _filter.Explain(job, state, 0, state.Pool("big", "H100-SXM")));
    }
}
