using Suanwang.Scheduling.Queue;

namespace Suanwang.Scheduling.Tests.Queue;

public sealed class QueuePoliciesTests
{
    private const string Network = """
        name: policies
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
        """;

    [Theory]
    [InlineData("fifo", "fifo", false)]
    [InlineData("priority", "priority", false)]
    [InlineData("fair-share", "fair-share", false)]
    [InlineData("backfill", "fifo", true)]
    [InlineData("priority-backfill", "priority", true)]
    [InlineData("fair-share-backfill", "fair-share", true)]
    [InlineData("Priority-Backfill", "priority", true)]
    [InlineData("las", "las", false)]
    [InlineData("srtf", "srtf", false)]
    public void TryCreate_KnownName_GivesTheOrderAndWhetherToBackfill(string name, string order, bool backfill)
    {
        Assert.True(QueuePolicies.TryCreate(name, Networks.State(Network), out var queue, out var withBackfill));

        Assert.Equal(order, queue.Name);
        Assert.Equal(backfill, withBackfill);
    }

    [Theory]
    [InlineData("lifo")]
    [InlineData("fifo-backfill")]
    [InlineData("backfill-backfill")]
    [InlineData("las-backfill")]
    [InlineData("")]
    public void TryCreate_UnknownName_IsFalse(string name)
    {
        Assert.False(QueuePolicies.TryCreate(name, Networks.State(Network), out _, out _));
    }
}
