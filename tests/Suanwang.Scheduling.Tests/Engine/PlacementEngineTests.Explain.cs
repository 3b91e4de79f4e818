using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Tests.Engine;

/// <summary>When nothing fits: the answer, the explanation, the feasible count; and no allocation per decision.</summary>
public sealed partial class PlacementEngineTests
{
    [Fact]
    public void TryPlace_NoCandidate_ReturnsFalse()
    {
        var state = Networks.State(Explainable);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: H100-SXM:8 }\nestimated_runtime: 1h\n");
        Assert.NotNull(state.Allocate(state.Pool("busy", "H100-SXM"), new JobShape(8, 1), new BestFitPacker()));

        Assert.False(Engine(state, "time").TryPlace(job, 0, out var placement));
        Assert.Equal(default, placement);
    }

    [Fact]
    public void Explain_SomePoolCouldFreeUp_IsUnschedulableAndListsEverySite()
    {
        var state = Networks.State(Explainable);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: H100-SXM:8 }\nestimated_runtime: 1h\n");
        Assert.NotNull(state.Allocate(state.Pool("busy", "H100-SXM"), new JobShape(8, 1), new BestFitPacker()));

        var failure = Engine(state, "time").Explain(job, 0);

        Assert.Equal(StatusCode.Unschedulable, failure.Code);
        Assert.Equal(
            "no site can run the job now: " +
            "site busy (H100-SXM): 0 of 1 nodes have 8 free cards now (0 of 8 cards free); " +
            "site wrong (A100-80GB): accelerator A100-80GB is not one the job accepts",
            failure.Message);
    }

    [Fact]
    public void Explain_NoPoolCanEverFit_IsUnresolvable()
    {
        var state = Networks.State(Explainable);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: H100-SXM:16 }\nestimated_runtime: 1h\n");

        Assert.False(Engine(state, "time").TryPlace(job, 0, out _));
        var failure = Engine(state, "time").Explain(job, 0);

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, failure.Code);
        Assert.Equal(
            "no site can ever run the job: " +
            "site busy (H100-SXM): nodes hold 8 cards, the job needs 16 on one node; " +
            "site wrong (A100-80GB): accelerator A100-80GB is not one the job accepts",
            failure.Message);
    }

    [Fact]
    public void Explain_ManyPools_ListsEightAndCountsTheRest()
    {
        var sites = string.Concat(Enumerable.Range(0, 10).Select(i => $$"""

              - id: s{{i}}
                owner: o
                jurisdiction: CN
                tier: edge
                carbon: 500
                pools: [{ model: T4, cards_per_node: 4, nodes: 1, price: 2 }]
            """));
        var state = Networks.State("name: many\ncurrency: CNY\nsites:" + sites + "\n");
        var job = Jobs.Compile(state.Network, "resources: { accelerators: H100-SXM:1 }\nestimated_runtime: 1h\n");

        var failure = Engine(state, "time").Explain(job, 0);

        Assert.StartsWith("no site can ever run the job: site s0 (T4): accelerator T4 is not one the job accepts; site s1 (T4)", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("site s7 (T4): accelerator T4 is not one the job accepts; and 2 more", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("site s8", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountFeasible_CountsPoolsPassingEveryFilter()
    {
        var state = Networks.State(Objectives);
        var engine = Engine(state, "time");

        Assert.Equal(3, engine.CountFeasible(Jobs.Compile(state.Network, EitherModel), 0));
        Assert.Equal(1, engine.CountFeasible(Jobs.Compile(state.Network, "resources: { accelerators: H100-SXM:8 }\nestimated_runtime: 1h\n"), 0));
        Assert.Equal(0, engine.CountFeasible(Jobs.Compile(state.Network, "resources: { accelerators: T4:1 }\nestimated_runtime: 1h\n"), 0));
    }

    [Fact]
    public void TryPlace_AfterWarmUp_DoesNotAllocate()
    {
        var state = Networks.State(Objectives);
        var engine = Engine(state, "balanced");
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: [H100-SXM, A100-80GB], cards: 4 }
            estimated_runtime: 2h
            time_limit: 10h
            budget: { amount: 100000, currency: CNY }
            allowed_jurisdictions: [CN, SG]
            inputs:
              - { name: corpus, size_gb: 200, site: cheap, jurisdiction: CN, class: important }
              - { name: crawl, size_gb: 50, jurisdiction: US }
            """);

        var allocated = MeasureAllocations(engine, job);

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TryPlace_PflopsJobAfterWarmUp_DoesNotAllocate()
    {
        var state = Networks.State(Objectives);
        var engine = Engine(state, "time");
        var job = Jobs.Compile(state.Network, "resources: { pflops: 3, min_memory_gib: 40 }\nestimated_runtime: 2h\n");

        Assert.Equal(0, MeasureAllocations(engine, job));
    }

    [Fact]
    public void TryPlace_ZoneRestrictedJobAfterWarmUp_DoesNotAllocate()
    {
        // One pool passes, so no score runs: anything allocated comes from the filters.
        const string network = """
            name: zones
            currency: CNY
            sites:
              - id: cn-beijing-1
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 600
                pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 30 }]
              - id: cn-tianjin-1
                owner: o
                jurisdiction: CN:tianjin-ftz
                tier: hub
                carbon: 600
                pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 30 }]
            """;
        var state = Networks.State(network);
        var engine = Engine(state, "time");
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: H100-SXM:8 }
            estimated_runtime: 1h
            allowed_jurisdictions:
              - CN:tianjin-ftz
            """);

        Assert.Equal(0, MeasureAllocations(engine, job));
    }

    private static long MeasureAllocations(PlacementEngine engine, in PlacementRequest job)
    {
        var placed = 0;
        for (var i = 0; i < 100; i++)
        {
            placed += engine.TryPlace(job, i, out _) ? 1 : 0;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            placed += engine.TryPlace(job, i, out _) ? 1 : 0;
        }

        var after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(1100, placed);
        return after - before;
    }

    private const string Residency = """
        name: silk-road
        currency: CNY
        sites:
          - id: cn-beijing-1
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 600
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 30 }]
          - id: kz-almaty-1
            owner: o
            jurisdiction: KZ
            tier: hub
            carbon: 300
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 10 }]
        links:
          - sites: [cn-beijing-1, kz-almaty-1]
            bandwidth_gbps: 100
        """;

    // As admitted: the data-law engine keeps data declared important or core in its country (G0-11)
    // by narrowing allowed_jurisdictions, which is all the scheduler sees of it.
    private static string ResidencyJob(string dataClass) => $$"""
        resources: { accelerators: H100-SXM:8 }
        estimated_runtime: 1h
        {{(dataClass == "general" ? "" : "allowed_jurisdictions: [CN]")}}
        inputs:
          - { name: patient-records, size_gb: 10, site: cn-beijing-1, jurisdiction: CN, class: {{dataClass}} }
        """;

    private const string Explainable = """
        name: explain
        currency: CNY
        sites:
          - id: wrong
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: A100-80GB, cards_per_node: 8, nodes: 1, price: 11 }]
          - id: busy
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 25 }]
        """;
}
