using System.Diagnostics;
using Suanwang.Bench.Common;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Bench.Placement;

/// <summary>
/// The second half of <c>placement --profile</c>: the time of whole decisions
/// (<c>PlacementEngine.TryPlace</c>, index or scan as the engine chooses) by kind of request in
/// the mix, so the kinds that cost most per decision, weighted by their share, stand out.
/// </summary>
public static class PlacementPaths
{
    private static readonly string[] s_kinds = ["input data", "spot, budget", "asks for P", "two-node gang", "named models", "any model"];

    /// <summary>Times every request of the mix <paramref name="rounds"/> times and prints a row per kind.</summary>
    public static void Run(PlacementFixture fixture, int rounds = 4)
    {
        var ticks = new long[s_kinds.Length];
        var counts = new long[s_kinds.Length];
        for (var round = 0; round <= rounds; round++)
        {
            // Round 0 warms the JIT.
            if (round == 1)
            {
                Array.Clear(ticks);
                Array.Clear(counts);
            }

            for (var i = 0; i < PlacementFixture.MixSize; i++)
            {
                ref readonly var job = ref fixture.Request(i);
                var kind = Kind(job);
                var t0 = Stopwatch.GetTimestamp();
                fixture.Engine.TryPlace(job, PlacementFixture.Now, out _);
                ticks[kind] += Stopwatch.GetTimestamp() - t0;
                counts[kind]++;
            }
        }

        var all = ticks.Sum();
        var decisions = counts.Sum();
        var table = new MarkdownTable("request kind", "share of the mix", "ns/decision", "ns per decision of the mix", "share of the time");
        for (var k = 0; k < s_kinds.Length; k++)
        {
            var ns = counts[k] == 0 ? 0 : ticks[k] * 1e9 / Stopwatch.Frequency / counts[k];
            table.Add(s_kinds[k], Format.Percent((double)counts[k] / decisions), Format.Number(ns, "N0"), Format.Number(ticks[k] * 1e9 / Stopwatch.Frequency / decisions, "N0"), Format.Percent((double)ticks[k] / all));
        }

        table.Add("all", "100 %", Format.Number(all * 1e9 / Stopwatch.Frequency / decisions, "N0"), "", "100 %");
        Console.WriteLine();
        Console.WriteLine("whole decisions (TryPlace) by kind of request:");
        Console.WriteLine(table);
    }

    private static int Kind(in PlacementRequest job) =>
        job.Inputs is not null ? 0
        : job.Spot ? 1
        : job.AsksForPflops ? 2
        : job.Nodes > 1 ? 3
        : job.ModelMask != ulong.MaxValue ? 4
        : 5;
}
