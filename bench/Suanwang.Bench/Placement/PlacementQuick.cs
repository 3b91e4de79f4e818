using System.Diagnostics;
using Suanwang.Bench.Common;

namespace Suanwang.Bench.Placement;

/// <summary>
/// Times placement with timestamps: about two seconds per size, in rounds, so best and median
/// can be told apart from noise. Each round is measured twice: by the wall clock, and by the
/// CPU time the process was given, which leaves out the time other work on a shared machine
/// held the core.
/// </summary>
public static class PlacementQuick
{
    public static readonly int[] Sizes = [10, 100, 1000, 10000];

    private const double SecondsPerSize = 2.0;
    private const int Rounds = 8;
    private const int Batch = 256;

    public static PlacementFigures Measure(int sites)
    {
        var fixture = PlacementFixture.Create(sites);
        var placed = fixture.PlacedShare();
        var digest = fixture.DecisionDigest();
        var scanDigest = fixture.DecisionDigest(fullScan: true);

        // Warm up until tiered compilation has settled on optimised code for the loop.
        var warm = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warm).TotalSeconds < 0.3)
        {
            fixture.Decide(Batch);
        }

        // Allocation is counted on its own pass, so reading the CPU clock (which allocates) stays out of it.
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var checksum = fixture.Decide(PlacementFixture.MixSize);
        var bytesPerDecision = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / PlacementFixture.MixSize;

        var wall = new Samples(higherIsBetter: true);
        var cpu = new Samples(higherIsBetter: true);
        using var self = Process.GetCurrentProcess();
        for (var r = 0; r < Rounds; r++)
        {
            self.Refresh();
            var cpuStart = self.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            long n = 0;
            while (Stopwatch.GetElapsedTime(start).TotalSeconds < SecondsPerSize / Rounds)
            {
                checksum += fixture.Decide(Batch);
                n += Batch;
            }

            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            self.Refresh();
            wall.Add(n / elapsed);
            cpu.Add(n / (self.TotalProcessorTime - cpuStart).TotalSeconds);
        }

        GC.KeepAlive(checksum);
        return new PlacementFigures(sites, fixture.State.PoolCount, wall, cpu, bytesPerDecision, placed, fixture.Utilization, digest, scanDigest);
    }
}
