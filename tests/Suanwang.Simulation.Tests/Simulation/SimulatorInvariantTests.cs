using System.Collections.Concurrent;
using Suanwang.Scheduling.Queue;
using Suanwang.Scheduling.State;
using Suanwang.Simulation.Reporting;
using Suanwang.Simulation.Workload;

namespace Suanwang.Simulation.Tests.Simulation;

/// <summary>
/// Invariants every run must keep, for every queue policy and objective, with site failures on
/// and a third of the jobs spot work, over three workloads (see <see cref="Workloads"/>).
/// </summary>
public sealed class SimulatorInvariantTests
{
    private const double SpotShare = 0.3;
    private const int Seed = 3;
    private static readonly string[] s_objectives = ["time", "cost", "carbon"];
    private static readonly ConcurrentDictionary<string, Lazy<(SimulationResult Result, RunChecker Checker)>> s_runs = new();

    public static TheoryData<string, string, string> Runs
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var workload in Workloads.Names)
            {
                foreach (var policy in QueuePolicies.Names)
                {
                    foreach (var objective in s_objectives)
                    {
                        data.Add(workload, policy, objective);
                    }
                }
            }

            return data;
        }
    }

    // The loaded workloads: every run there preempts spot work.
    public static TheoryData<string, string, string> LoadedRuns
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var row in Runs)
            {
                var (workload, policy, objective) = ((string)row[0], (string)row[1], (string)row[2]);
                if (workload != "synthetic")
                {
                    data.Add(workload, policy, objective);
                }
            }

            return data;
        }
    }

    // Each run is shared by the tests below; a run takes a few tens of milliseconds.
    private static (SimulationResult Result, RunChecker Checker) Run(string workload, string policy, string objective) =>
        s_runs.GetOrAdd($"{workload}/{policy}/{objective}", _ => new Lazy<(SimulationResult, RunChecker)>(() =>
        {
            var (network, trace) = Workloads.Get(workload);
            return RunChecker.Run(network, trace, new SimulationOptions(policy, objective, Seed: Seed, Failures: true, SpotShare: SpotShare));
        })).Value;

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_NoCardIsHeldByTwoJobsAtOnce(string workload, string policy, string objective)
    {
        var (_, checker) = Run(workload, policy, objective);

        Assert.Empty(checker.CardConflicts);
        Assert.True(checker.Batches > checker.Completions.Count);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_JobsRunAsDecided_AndCompleteOnlyAtTheEndOfTheirLastRun(string workload, string policy, string objective)
    {
        var (_, checker) = Run(workload, policy, objective);

        Assert.Empty(checker.Bookkeeping);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_AttainedServiceNeverDecreases(string workload, string policy, string objective)
    {
        var (_, checker) = Run(workload, policy, objective);

        Assert.Empty(checker.AttainedDecreases);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_WorkDoneEqualsEachJobsWork_WhateverItsRestarts(string workload, string policy, string objective)
    {
        var (_, checker) = Run(workload, policy, objective);

        Assert.Empty(checker.WorkMismatches);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_NoJobStartsBeforeItArrives(string workload, string policy, string objective)
    {
        var (_, checker) = Run(workload, policy, objective);

        Assert.Empty(checker.EarlyStarts);
        Assert.NotEmpty(checker.Starts);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_EveryJobEnds_CompletedOrRejected(string workload, string policy, string objective)
    {
        var (result, checker) = Run(workload, policy, objective);
        var jobs = result.Summary.Jobs;

        Assert.Equal(Workloads.Get(workload).Trace.Jobs.Count, jobs.Submitted);
        Assert.Equal(jobs.Submitted, jobs.Completed + jobs.Rejected);
        Assert.Equal(Workloads.Impossible, jobs.Rejected);
        Assert.Equal(jobs.Completed, checker.Completions.Select(c => c.Job).Distinct().Count());
        Assert.Equal(jobs.Completed, result.JctSeconds.Count);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_FailuresAndPreemptions_AreCountedAsTheyHappened(string workload, string policy, string objective)
    {
        var (result, checker) = Run(workload, policy, objective);
        var summary = result.Summary;

        Assert.True(summary.Sites.Sum(s => s.Failures) > 0);
        Assert.True(summary.Jobs.Requeued > 0);
        Assert.Equal(checker.Evictions, summary.Jobs.Requeued);
        Assert.Equal(checker.Preemptions, summary.Jobs.Preemptions);
        Assert.Equal(checker.Starts.Count, summary.Sites.Sum(s => s.JobsStarted));
    }

    [Theory]
    [MemberData(nameof(LoadedRuns))]
    public void Run_LoadedWorkload_PreemptsSpotWorkAndRestartsIt(string workload, string policy, string objective)
    {
        var (result, checker) = Run(workload, policy, objective);

        Assert.True(result.Summary.Jobs.Preemptions > 0);
        Assert.True(checker.Starts.Count > result.Summary.Jobs.Completed);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_NoFigureBeatsItsLowerBound(string workload, string policy, string objective)
    {
        var (result, checker) = Run(workload, policy, objective);
        var summary = result.Summary;

        Assert.True(summary.Jct.MeanS >= summary.LowerBound.JctMeanS, $"JCT mean {summary.Jct.MeanS} < bound {summary.LowerBound.JctMeanS}");
        Assert.True(summary.MakespanS >= summary.LowerBound.MakespanS, $"makespan {summary.MakespanS} < bound {summary.LowerBound.MakespanS}");
        Assert.True(summary.LowerBound.JctMeanS > 0);

        // Job by job, too: no job ends sooner after its arrival than it runs alone on the fastest model it accepts.
        var (network, trace) = Workloads.Get(workload);
        var compiled = WorkloadBuilder.Build(trace, new ClusterState(network), SpotShare, Seed);
        foreach (var (job, time) in checker.Completions)
        {
            var jct = time - compiled.Requests[job].SubmitTime;
            Assert.True(jct >= compiled.AloneSeconds[job] * (1 - 1e-12), $"job {job}: JCT {jct} < alone {compiled.AloneSeconds[job]}");
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_UtilizationIsAShareOfTheCards(string workload, string policy, string objective)
    {
        var (result, _) = Run(workload, policy, objective);
        var summary = result.Summary;

        Assert.InRange(summary.Utilization, 0, 1);
        Assert.True(summary.Utilization > 0);
        Assert.All(summary.Sites, s => Assert.InRange(s.Utilization, 0, 1));
        Assert.All(result.Utilization, p => Assert.InRange(p.Value, 0, 1));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_CostIsTheSumOfItsRunSegmentsAtThePricesInForce(string workload, string policy, string objective)
    {
        var (result, checker) = Run(workload, policy, objective);

        Assert.True(checker.SegmentCost > 0);
        Assert.Equal(decimal.Round(checker.SegmentCost, 2), result.Summary.Cost);
    }
}
