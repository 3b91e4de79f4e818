using Suanwang.Core.Market;

namespace Suanwang.Core.Tests.Market;

public sealed class OrderLifecycleTests
{
    [Theory]
    [InlineData("open", OrderTrigger.Settle, "settled")]
    public void Next_AllowedMove_GivesItsTarget(string from, OrderTrigger trigger, string to)
    {
        Assert.True(OrderLifecycle.CanMove(from, trigger));
        Assert.Equal(to, OrderLifecycle.Next(from, trigger));
        Assert.Equal([from], OrderLifecycle.Sources(trigger));
        Assert.Equal(to, OrderLifecycle.Target(trigger));
    }

    [Theory]
    [InlineData("settled", OrderTrigger.Settle)]
    [InlineData("cancelled", OrderTrigger.Settle)]
    public void Next_RefusedMove_GivesNull(string from, OrderTrigger trigger)
    {
        Assert.False(OrderLifecycle.CanMove(from, trigger));
        Assert.Null(OrderLifecycle.Next(from, trigger));
    }

    [Fact]
    public void Table_CoversEveryStateAndTrigger()
    {
        var allowed = OrderLifecycle.States
            .SelectMany(s => Enum.GetValues<OrderTrigger>().Select(t => (s, t)))
            .Where(p => OrderLifecycle.CanMove(p.s, p.t))
            .ToArray();

        Assert.Equal([(OrderStates.Open, OrderTrigger.Settle)], allowed);
        Assert.Single(OrderLifecycle.Transitions);
    }

    [Theory]
    [InlineData("job", "open")]
    [InlineData("block", "settled")]
    public void Initial_DependsOnKind(string kind, string state) => Assert.Equal(state, OrderLifecycle.Initial(kind));

    [Fact]
    public void Initial_UnknownKind_Throws() => Assert.Throws<ArgumentException>(() => OrderLifecycle.Initial("lease"));

    [Theory]
    [InlineData("open", false)]
    [InlineData("settled", true)]
    public void IsFinal_IsTrueOnlyForSettled(string state, bool final) => Assert.Equal(final, OrderLifecycle.IsFinal(state));

    [Fact]
    public void Names_AreTheStoredOnes()
    {
        Assert.Equal("open", OrderStates.Open);
        Assert.Equal("settled", OrderStates.Settled);
        Assert.Equal("job", OrderKinds.Job);
        Assert.Equal("block", OrderKinds.Block);
        Assert.Equal("('open')", OrderLifecycle.SqlList(OrderLifecycle.Sources(OrderTrigger.Settle)));
    }
}
