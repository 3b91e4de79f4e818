using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;

namespace Suanwang.Scheduling.Tests.Filters;

public sealed class ContactWindowFilterTests
{
    // The satellite passes over the ground station every 90 minutes and stays in view for 10.
    private const string Network = """
        name: orbit
        currency: CNY
        sites:
          - id: ground
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: A100-80GB, cards_per_node: 8, nodes: 2, price: 11 }]
          - id: sat
            owner: o
            jurisdiction: CN
            tier: orbital
            carbon: 0
            pools: [{ model: T4, cards_per_node: 1, nodes: 4, price: 30 }]
        links:
          - sites: [ground, sat]
            bandwidth_gbps: 1
            contact: { period_minutes: 90, open_minutes: 10 }
        """;

    private readonly ContactWindowFilter _filter = new();

    [Fact]
    public void Filter_InContact_KeepsTheOrbitalSite()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\n");

        state.AdvanceTo(300);

        Assert.Equal(["ground/A100-80GB", "sat/T4"], Candidates.Passing(_filter, job, state, 300));
    }

    [Fact]
    public void Filter_OutOfContact_DropsTheOrbitalSiteOnly()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\n");

        state.AdvanceTo(1200);

        Assert.Equal(["ground/A100-80GB"], Candidates.Passing(_filter, job, state, 1200));
    }

    [Fact]
    public void Filter_NextPass_KeepsTheOrbitalSiteAgain()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\n");

        state.AdvanceTo(1200);
        state.AdvanceTo(5400 + 60);

        Assert.Equal(["ground/A100-80GB", "sat/T4"], Candidates.Passing(_filter, job, state, 5460));
    }

    [Fact]
    public void Explain_OutOfContact_IsUnschedulableAndSaysWhenTheNextPassIs()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\n");

        state.AdvanceTo(1200);

        Assert.Equal(
            new Status(StatusCode.Unschedulable, "orbital site out of contact until t=5400s"),
            _filter.Explain(job, state, 1200, state.Pool("sat", "T4")));
    }

    [Fact]
    public void Explain_GroundSite_IsAlwaysSuccess()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\n");

        state.AdvanceTo(1200);

        Assert.Equal(Status.Success, _filter.Explain(job, state, 1200, state.Pool("ground", "A100-80GB")));
    }
}
