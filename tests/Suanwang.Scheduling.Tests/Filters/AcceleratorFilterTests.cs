using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;

namespace Suanwang.Scheduling.Tests.Filters;

public sealed class AcceleratorFilterTests
{
    private const string Network = """
        name: models
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools:
              - { model: H100-SXM, cards_per_node: 8, nodes: 2, price: 25 }
              - { model: A100-40GB, cards_per_node: 8, nodes: 2, price: 9 }
          - id: b
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools:
              - { model: A100-80GB, cards_per_node: 8, nodes: 2, price: 11 }
              - { model: T4, cards_per_node: 4, nodes: 2, price: 2 }
        """;

    private readonly AcceleratorFilter _filter = new();

    [Fact]
    public void Filter_NamedModels_KeepsOnlyTheirPools()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources:
              accelerators: [A100-80GB, A100-40GB]
            estimated_runtime: 1h
            """);

        Assert.Equal(["a/A100-40GB", "b/A100-80GB"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_AnyModelWithMinimumMemory_KeepsPoolsWithEnoughMemory()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources:
              min_memory_gib: 64
            estimated_runtime: 1h
            """);

        Assert.Equal(["a/H100-SXM", "b/A100-80GB"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_ModelAndMemory_MustBothHold()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources:
              accelerators: [A100-40GB, A100-80GB]
              min_memory_gib: 48
            estimated_runtime: 1h
            """);

        Assert.Equal(["b/A100-80GB"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_NoRequirements_KeepsEveryPool()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\n");

        Assert.Equal(["a/H100-SXM", "a/A100-40GB", "b/A100-80GB", "b/T4"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Explain_WrongModel_IsUnresolvableAndNamesTheModel()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: A100-80GB }\nestimated_runtime: 1h\n");

        var status = _filter.Explain(job, state, 0, state.Pool("b", "T4"));

        Assert.Equal(new Status(StatusCode.UnschedulableAndUnresolvable, "accelerator T4 is not one the job accepts"), status);
    }

    [Fact]
    public void Explain_TooLittleMemory_IsUnresolvableAndGivesBothFigures()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { min_memory_gib: 48 }\nestimated_runtime: 1h\n");

        var status = _filter.Explain(job, state, 0, state.Pool("a", "A100-40GB"));

        Assert.Equal(new Status(StatusCode.UnschedulableAndUnresolvable, "A100-40GB has 40 GiB per card, the job needs 48"), status);
    }

    [Fact]
    public void Explain_AcceptablePool_IsSuccess()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: H100, min_memory_gib: 80 }\nestimated_runtime: 1h\n");

        Assert.Equal(Status.Success, _filter.Explain(job, state, 0, state.Pool("a", "H100-SXM")));
    }
}
