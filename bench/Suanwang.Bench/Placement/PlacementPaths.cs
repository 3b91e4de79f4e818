using System.Diagnostics;
using Suanwang.Bench.Common;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Bench.Placement;

/// <summary>
/// The second half of <c>placement --profile</c>: the time of whole decisions
/// (<c>PlacementEngine.TryPlace</c>, index or scan as the engine chooses) by kind of request in
/// the mix, so the kinds that cost most per decision, weighted by their share, stand out. Each
/// kind is timed on its own over a fixed span, by the wall clock and by the CPU time the process
/// was given (which leaves out the time other work on a shared machine held the core).
/// </summary>
public static class PlacementPaths
{
    private const double SecondsPerKind = 0.6;

    private static readonly string[] s_kinds = ["input data", "spot, budget", "asks for P", "two-node gang", "named models", "any model"];

    /// <summary>Times the requests of each kind in turn and prints a row per kind.</summary>
    public static void Run(PlacementFixture fixture)
    {
        var table = new MarkdownTable("request kind", "share of the mix", "ns/decision", "CPU ns/decision", "CPU ns per decision of the mix");
        var mix = 0.0;
        using var self = Process.GetCurrentProcess();

        // Warm up on the whole mix until tiered compilation has settled on optimised code.
        var warm = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warm).TotalSeconds < 1.0)
        {
            fixture.Decide(256);
        }

        for (var k = 0; k < s_kinds.Length; k++)
        {
            var kind = new List<int>();
            for (var i = 0; i < PlacementFixture.MixSize; i++)
            {
                if (Kind(fixture.Request(i)) == k)
                {
                    kind.Add(i);
                }
            }

            if (kind.Count == 0)
            {
                continue;
            }

            Decide(fixture, kind);
            self.Refresh();
            var cpuStart = self.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            long n = 0;
            while (Stopwatch.GetElapsedTime(start).TotalSeconds < SecondsPerKind)
            {
                n += Decide(fixture, kind);
            }

            var wall = Stopwatch.GetElapsedTime(start).TotalSeconds * 1e9 / n;
            self.Refresh();
            var cpu = (self.TotalProcessorTime - cpuStart).TotalSeconds * 1e9 / n;
            var share = (double)kind.Count / PlacementFixture.MixSize;
            mix += cpu * share;
            table.Add(s_kinds[k], Format.Percent(share), Format.Number(wall, "N0"), Format.Number(cpu, "N0"), Format.Number(cpu * share, "N0"));
        }

        table.Add("all", "100 %", "", Format.Number(mix, "N0"), Format.Number(mix, "N0"));
        Console.WriteLine();
        Console.WriteLine("whole decisions (TryPlace) by kind of request:");
        Console.WriteLine(table);
    }

    private static int Decide(PlacementFixture fixture, List<int> requests)
    {
        foreach (var i in requests)
        {
            fixture.Engine.TryPlace(fixture.Request(i), PlacementFixture.Now, out _);
        }

        return requests.Count;
    }

    private static int Kind(in PlacementRequest job) =>
        job.Inputs is not null ? 0
        : job.Spot ? 1
        : job.AsksForPflops ? 2
        : job.Nodes > 1 ? 3
        : job.ModelMask != ulong.MaxValue ? 4
        : 5;
}
