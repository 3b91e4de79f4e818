using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;

namespace Suanwang.Scheduling.Tests.Filters;

public sealed class SiteUpFilterTests
{
    private const string Network = """
        name: two
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools:
              - { model: H100-SXM, cards_per_node: 8, nodes: 2, price: 25 }
              - { model: A100-80GB, cards_per_node: 8, nodes: 2, price: 11 }
          - id: b
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 25 }]
        """;

    private readonly SiteUpFilter _filter = new();

    [Fact]
    public void Filter_AllSitesUp_KeepsEveryPool()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\n");

        Assert.Equal(["a/H100-SXM", "a/A100-80GB", "b/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_SiteDown_DropsAllItsPools()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\n");

        state.SetSiteUp(0, false);

        Assert.Equal(["b/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_SiteBackUp_IsKeptAgain()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\n");

        state.SetSiteUp(1, false);
        state.SetSiteUp(1, true);

        Assert.Equal(3, Candidates.Passing(_filter, job, state).Length);
    }

    [Fact]
    public void Explain_SiteDown_IsUnschedulable()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\n");
        state.SetSiteUp(1, false);

        Assert.Equal(new Status(StatusCode.Unschedulable, "site is down"), _filter.Explain(job, state, 0, state.Pool("b", "H100-SXM")));
        Assert.Equal(Status.Success, _filter.Explain(job, state, 0, state.Pool("a", "H100-SXM")));
    }
}
