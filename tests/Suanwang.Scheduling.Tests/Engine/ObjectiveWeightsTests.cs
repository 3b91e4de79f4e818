using Suanwang.Scheduling.Framework;

namespace Suanwang.Scheduling.Tests.Engine;

public sealed class ObjectiveWeightsTests
{
    [Theory]
    [InlineData("time", Objective.Time)]
    [InlineData("cost", Objective.Cost)]
    [InlineData("carbon", Objective.Carbon)]
    [InlineData("COST", Objective.Cost)]
    public void ForName_NamedObjective_DominatesEveryOther(string name, Objective dominant)
    {
        var weights = ObjectiveWeights.ForName(name);

        Assert.NotNull(weights);
        foreach (var other in Enum.GetValues<Objective>().Where(o => o != dominant))
        {
            Assert.True(weights.Value.Of(dominant) > 5 * weights.Value.Of(other), $"{dominant} should dominate {other}");
        }
    }

    [Fact]
    public void ForName_Balanced_WeighsTimeCostAndCarbonEqually()
    {
        var weights = ObjectiveWeights.ForName("balanced")!.Value;

        Assert.Equal(weights.Time, weights.Cost);
        Assert.Equal(weights.Cost, weights.Carbon);
    }

    [Theory]
    [InlineData("fastest")]
    [InlineData("")]
    public void ForName_UnknownName_IsNull(string name)
    {
        Assert.Null(ObjectiveWeights.ForName(name));
    }

    [Fact]
    public void Of_ReturnsEachObjectivesOwnWeight()
    {
        var weights = new ObjectiveWeights(Time: 1, Cost: 2, Carbon: 3, Preference: 4);

        Assert.Equal(1, weights.Of(Objective.Time));
        Assert.Equal(2, weights.Of(Objective.Cost));
        Assert.Equal(3, weights.Of(Objective.Carbon));
        Assert.Equal(4, weights.Of(Objective.Preference));
    }
}
