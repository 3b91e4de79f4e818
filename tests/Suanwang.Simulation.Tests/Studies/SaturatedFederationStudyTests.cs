using Suanwang.Core.Accelerators;
using Suanwang.Core.Networks;
using Suanwang.Simulation.Studies;
using Suanwang.Simulation.Tests.Tokens;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Tests.Studies;

/// <summary>The study's invariants on the committed Philly sample over philly-15; its numbers are the full trace's business.</summary>
public sealed class SaturatedFederationStudyTests
{
    private static readonly Lazy<(SaturatedFederationResult Result, Trace Trace)> s_run = new(() =>
    {
        var network = NetworkReader.Parse(File.ReadAllText(Path.Combine(TokenSamples.Root, "examples", "networks", "philly-15.yaml")), "philly-15.yaml", AcceleratorCatalog.Default);
        var trace = TraceFile.Read(Path.Combine(TokenSamples.Root, "tests", "data", "traces", "philly", "philly.csv"));
        return (SaturatedFederationStudy.Run(network, trace, ["fifo", "backfill", "las", "srtf", "fair-share-backfill", "elastic"], SaturatedFederationStudy.Loads, seed: 1), trace);
    });

    [Fact]
    public void Run_EveryLoadAndConfiguration_EveryJobEndsAndNoneBeatsItsLowerBound()
    {
        var (result, trace) = s_run.Value;

        Assert.Equal(SaturatedFederationStudy.Loads.Count * (SaturatedFederationStudy.IsolatedPolicies.Count + 6), result.Rows.Count);
        Assert.All(result.Rows, r => Assert.Equal(trace.Jobs.Count, r.Row.Completed + r.Row.Rejected));
        Assert.All(result.Rows, r => Assert.True(r.Row.JctMeanS >= r.Row.LowerBoundJctMeanS, $"{r.Row.Configuration} at {r.Load}x"));
        Assert.All(result.Rows, r => Assert.InRange(r.Row.Utilization, 0, 1));
    }

    [Fact]
    public void Run_BaseLoad_OffersTheTargetShareOfTheFederationAndScalesWithTheLoad()
    {
        var result = s_run.Value.Result;

        Assert.True(result.BaseScale > 0);
        Assert.All(result.Rows, r => Assert.Equal(result.BaseScale * r.Load, r.ArrivalScale, 9));
        Assert.All(result.Rows, r => Assert.Equal(SaturatedFederationStudy.TargetLoad * r.Load, r.OfferedLoad, 9));
    }

    [Fact]
    public void Run_FederationMayMoveJobs_ItsLowerBoundIsNoHigherThanTheIsolatedSites()
    {
        foreach (var load in s_run.Value.Result.Rows.GroupBy(r => r.Load))
        {
            var isolated = load.First(r => r.Row.Configuration == "each site alone, fifo").Row.LowerBoundJctMeanS;
            Assert.All(load.Where(r => r.Row.Configuration.StartsWith("federation", StringComparison.Ordinal)), r => Assert.True(r.Row.LowerBoundJctMeanS <= isolated + 1e-6));
        }
    }

    [Fact]
    public void Render_ExplainsTheLoadAndListsEveryLoad()
    {
        var page = SaturatedFederationMarkdown.Render(s_run.Value.Result, "suanwang study saturated");

        Assert.Contains("## How the load was chosen", page);
        Assert.Contains("| load | arrivals / | offered load |", page);
        Assert.Contains("## Load 0.5x", page);
        Assert.Contains("## Load 2.0x", page);
        Assert.Contains("federation, las", page);
        Assert.Contains("federation, elastic", page);
    }
}
