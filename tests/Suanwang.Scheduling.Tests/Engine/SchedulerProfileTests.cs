using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.Scores;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Tests.Engine;

public sealed class SchedulerProfileTests
{
    private static readonly ObjectiveWeights s_weights = new(1, 1, 1, 1);

    [Fact]
    public void Constructor_TwoFiltersWithOneName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new SchedulerProfile(
            [new SiteUpFilter(), new FitsFilter(), new NamedFilter("Fits")], [], s_weights, new BestFitPacker()));

        Assert.Contains("'Fits'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FilterAndScoreWithOneName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new SchedulerProfile(
            [new NamedFilter("Price")], [new PriceScore()], s_weights, new BestFitPacker()));

        Assert.Contains("'Price'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TwoScoresWithOneName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SchedulerProfile(
            [], [new CarbonScore(), new CarbonScore()], s_weights, new BestFitPacker()));
    }

    [Fact]
    public void Constructor_NamesDifferingOnlyInCase_AreDistinct()
    {
        var profile = new SchedulerProfile([new NamedFilter("fits"), new FitsFilter()], [], s_weights, new BestFitPacker());

        Assert.Equal(2, profile.Filters.Count);
    }

    [Fact]
    public void Default_HasEveryBuiltInPluginWithUniqueNames()
    {
        var profile = SchedulerProfile.Default(s_weights);

        Assert.Equal(
            ["Accelerator", "Jurisdiction", "PinnedSite", "SiteUp", "ContactWindow", "TimeLimit", "Budget", "Fits", "ReservedBlock"],
            profile.Filters.Select(f => f.Name));
        Assert.Equal(["CompletionTime", "Price", "Carbon", "Preference"], profile.Scores.Select(s => s.Name));
        Assert.IsType<BestFitPacker>(profile.Packer);
        Assert.Equal(s_weights, profile.Weights);
    }

    [Fact]
    public void Default_GivenPacker_UsesIt()
    {
        var packer = new FragmentationAwarePacker();

        Assert.Same(packer, SchedulerProfile.Default(s_weights, packer).Packer);
    }

    private sealed class NamedFilter(string name) : IFilterPlugin
    {
        public string Name => name;

        public void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates)
        {
        }

        public Status Explain(in PlacementRequest job, ClusterState state, double now, int pool) => Status.Success;
    }
}
