using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;

namespace Suanwang.Scheduling.Tests.Filters;

public sealed class BudgetFilterTests
{
    private const string Network = """
        name: prices
        currency: CNY
        exchange_rates: { USD: 7.1 }
        sites:
          - id: dear
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20, spot_price: 10 }]
          - id: fair
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 15 }]
          - id: abroad
            owner: o
            jurisdiction: SG
            tier: hub
            carbon: 400
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 2, currency: USD }]
        """;

    private readonly BudgetFilter _filter = new();

    [Fact]
    public void Filter_Budget_KeepsPoolsWhoseExpectedCostFits()
    {
        // 8 cards for 2 h: dear 320 CNY, fair 240 CNY, abroad 2 USD x 7.1 x 16 = 227.2 CNY.
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: H100-SXM:8 }
            estimated_runtime: 2h
            budget: { amount: 300, currency: CNY }
            """);

        Assert.Equal(["fair/H100-SXM", "abroad/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_BudgetInForeignCurrency_IsConvertedFirst()
    {
        // 33 USD is 234.3 CNY: enough for abroad (227.2 CNY), not for fair (240 CNY).
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: H100-SXM:8 }
            estimated_runtime: 2h
            budget: { amount: 33, currency: USD }
            """);

        Assert.Equal(["abroad/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_SpotJob_IsCostedAtTheSpotPrice()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: H100-SXM:8 }
            estimated_runtime: 2h
            spot: true
            budget: { amount: 200, currency: CNY }
            """);

        Assert.Equal(["dear/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_NoBudget_KeepsEveryPool()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: { accelerators: H100-SXM:8 }\nestimated_runtime: 200h\n");

        Assert.Equal(3, Candidates.Passing(_filter, job, state).Length);
    }

    [Fact]
    public void Explain_OverBudget_IsUnresolvableAndGivesCostAndBudget()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: { accelerators: H100-SXM:8 }
            estimated_runtime: 2h
            budget: { amount: 300, currency: CNY }
            """);

        Assert.Equal(
            new Status(StatusCode.UnschedulableAndUnresolvable, "expected cost 320.00 CNY exceeds the budget 300.00 CNY"),
            _filter.Explain(job, state, 0, state.Pool("dear", "H100-SXM")));
        Assert.Equal(Status.Success, _filter.Explain(job, state, 0, state.Pool("fair", "H100-SXM")));
    }
}
