using System.Diagnostics;
using Suanwang.Bench.Common;
using Suanwang.Scheduling.Framework;

namespace Suanwang.Bench.Placement;

/// <summary>
/// <c>placement --profile</c>: where a decision's time goes. Replays the engine's pipeline
/// (seed by model index, each filter, each score and its normalisation) plugin by plugin with a
/// timestamp around each stage, over the same fixture and mix as the throughput run. The
/// timestamps add about 20 ns per stage, noise next to the stages that matter.
/// </summary>
public static class PlacementProfile
{
    private const int Decisions = 20_000;

    public static int Run(int sites)
    {
        var fixture = PlacementFixture.Create(sites);
        var profile = fixture.Engine.Profile;
        var stages = new List<string> { "seed (model index)" };
        stages.AddRange(profile.Filters.Select(f => "filter " + f.Name));
        stages.AddRange(profile.Scores.Select(s => "score " + s.Name));
        stages.Add("normalise + sum (all scores)");
        stages.Add("pick best");
        var ticks = new long[stages.Count];
        var candidates = new int[fixture.State.PoolCount];
        var costs = new double[fixture.State.PoolCount];
        var totals = new double[fixture.State.PoolCount];
        var cards = new int[fixture.State.PoolCount];
        var runtime = new double[fixture.State.PoolCount];
        var transfer = new double[fixture.State.PoolCount];
        long swept = 0;
        long scored = 0;

        for (var round = 0; round < 2; round++)
        {
            // Round 0 warms the JIT; round 1 is measured.
            Array.Clear(ticks);
            swept = 0;
            scored = 0;
            for (var d = 0; d < Decisions; d++)
            {
                var stage = 0;
                ref readonly var job = ref fixture.Request(d);
                var t0 = Stopwatch.GetTimestamp();
                var count = Seed(fixture, job.ModelMask, candidates);
                swept += count;
                var set = new CandidateSet(candidates, count);
                var t1 = Stopwatch.GetTimestamp();
                ticks[stage++] += t1 - t0;
                foreach (var filter in profile.Filters)
                {
                    if (set.Count > 0)
                    {
                        filter.Filter(job, fixture.State, PlacementFixture.Now, ref set);
                    }

                    var t = Stopwatch.GetTimestamp();
                    ticks[stage++] += t - t1;
                    t1 = t;
                }

                var pools = set.Pools;
                scored += pools.Length;
                var total = totals.AsSpan(0, pools.Length);
                total.Clear();
                long normalise = 0;
                var estimates = fixture.State.Estimate(job, pools, cards, runtime, transfer);
                foreach (var score in profile.Scores)
                {
                    var span = costs.AsSpan(0, pools.Length);
                    score.Score(job, fixture.State, PlacementFixture.Now, estimates, span);
                    var t = Stopwatch.GetTimestamp();
                    ticks[stage++] += t - t1;
                    Normalise(span, total, profile.Weights.Of(score.Objective));
                    t1 = Stopwatch.GetTimestamp();
                    normalise += t1 - t;
                }

                ticks[stage++] += normalise;
                var best = 0;
                for (var i = 1; i < total.Length; i++)
                {
                    if (total[i] > total[best])
                    {
                        best = i;
                    }
                }

                GC.KeepAlive(best);
                ticks[stage] += Stopwatch.GetTimestamp() - t1;
            }
        }

        var all = ticks.Sum();
        Console.WriteLine($"machine: {Machine.Current().Describe()}");
        Console.WriteLine($"placement profile: {Format.Count(sites)} sites, {Format.Count(fixture.State.PoolCount)} pools, {Format.Count(Decisions)} decisions");
        Console.WriteLine($"  pools per decision: {Format.Number((double)swept / Decisions, "N0")} after the model index, {Format.Number((double)scored / Decisions, "N0")} scored");
        var table = new MarkdownTable("stage", "ns/decision", "share", "ns per pool seeded");
        for (var i = 0; i < stages.Count; i++)
        {
            var ns = ticks[i] * 1e9 / Stopwatch.Frequency / Decisions;
            table.Add(stages[i], Format.Number(ns, "N0"), Format.Percent((double)ticks[i] / all), Format.Number(ns / ((double)swept / Decisions), "0.0"));
        }

        table.Add("total", Format.Number(all * 1e9 / Stopwatch.Frequency / Decisions, "N0"), "100 %", "");
        Console.WriteLine(table);
        PlacementPaths.Run(fixture);
        return 0;
    }

    private static int Seed(PlacementFixture fixture, ulong mask, int[] candidates)
    {
        var state = fixture.State;
        if (mask == ulong.MaxValue)
        {
            state.AllPools.CopyTo(candidates, 0);
            return state.PoolCount;
        }

        var n = 0;
        var byModel = state.PoolsByModel;
        for (var m = 0; m < byModel.Length; m++)
        {
            if (((mask >> m) & 1UL) != 0)
            {
                byModel[m].CopyTo(candidates, n);
                n += byModel[m].Length;
            }
        }

        return n;
    }

    private static void Normalise(Span<double> costs, Span<double> totals, double weight)
    {
        if (weight <= 0)
        {
            return;
        }

        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var c in costs)
        {
            min = Math.Min(min, c);
            max = Math.Max(max, c);
        }

        var range = max - min;
        var k = range > 0 ? 100 * weight / range : 0;
        for (var i = 0; i < totals.Length; i++)
        {
            totals[i] += range > 0 ? (max - costs[i]) * k : 100 * weight;
        }
    }
}
