using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;

namespace Suanwang.Scheduling.Tests.Filters;

public sealed class TimeLimitFilterTests
{
    private const string Network = """
        name: speeds
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools:
              - { model: H100-SXM, cards_per_node: 8, nodes: 1, price: 25 }
              - { model: A100-80GB, cards_per_node: 8, nodes: 1, price: 11 }
              - { model: T4, cards_per_node: 8, nodes: 1, price: 2 }
        """;

    private readonly TimeLimitFilter _filter = new();

    [Fact]
    public void Filter_SlowModel_IsDroppedWhenItsScaledRuntimeExceedsTheLimit()
    {
        // 1 h on H100 (989 TFLOPS) is 3.17 h on A100 (312) and 15.2 h on T4 (65).
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: [H100-SXM, A100-80GB, T4] }
            estimated_runtime: 1h
            time_limit: 4h
            """);

        Assert.Equal(["a/H100-SXM", "a/A100-80GB"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_LimitEqualToScaledRuntime_IsKept()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: [A100-80GB, H100-SXM] }
            estimated_runtime: 1h
            time_limit: 1h
            """);

        Assert.Equal(["a/H100-SXM", "a/A100-80GB"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_NoScaling_KeepsEveryModel()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: [H100-SXM, A100-80GB, T4] }
            estimated_runtime: 1h
            scale_runtime: false
            time_limit: 1h
            """);

        Assert.Equal(3, Candidates.Passing(_filter, job, state).Length);
    }

    [Fact]
    public void Filter_NoLimit_KeepsEveryModel()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: [H100-SXM, T4] }\nestimated_runtime: 100h\n");

        Assert.Equal(3, Candidates.Passing(_filter, job, state).Length);
    }

    [Fact]
    public void Explain_SlowModel_IsUnresolvableAndGivesRuntimeAndLimit()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: [H100-SXM, A100-80GB, T4] }
            estimated_runtime: 1h
            time_limit: 4h
            """);

        Assert.Equal(
            new Status(StatusCode.UnschedulableAndUnresolvable, "expected run time 54775s on T4 exceeds the time limit 14400s"),
            _filter.Explain(job, state, 0, state.Pool("a", "T4")));
        Assert.Equal(Status.Success, _filter.Explain(job, state, 0, state.Pool("a", "A100-80GB")));
    }
}
