using Stopwatch = System.Diagnostics.Stopwatch;
using Process = System.Diagnostics.Process;
using Suanwang.Core.Networks;
using Suanwang.Simulation;
using Suanwang.Simulation.Reporting;
using Suanwang.Simulation.Traces;

namespace Suanwang.Bench.Replay;

/// <summary>One timed simulation, run inside the child process: read, then simulate, then read the peak working set.</summary>
public static class ReplayRun
{
    public static ReplayFigures Measure(Func<(Network Network, Trace Trace)> read, SimulationOptions options)
    {
        var clock = Stopwatch.StartNew();
        var (network, trace) = read();
        var readSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var result = new Simulator(network, trace, options).Run();
        var simulateSeconds = clock.Elapsed.TotalSeconds;

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var summary = result.Summary;
        var lastArrival = trace.Jobs.Count > 0 ? trace.Jobs[^1].ArrivalSeconds : 0;
        return new ReplayFigures(
            readSeconds,
            simulateSeconds,
            self.TotalProcessorTime.TotalSeconds,
            self.PeakWorkingSet64,
            summary.Events,
            trace.Jobs.Count,
            summary.Jobs.Completed,
            MeanUntil(result.Utilization, lastArrival),
            summary.Utilization,
            result.QueueLength.Count > 0 ? result.QueueLength.Max(p => p.Value) : 0);
    }

    /// <summary>Mean of the sampled series up to <paramref name="end"/> (samples are evenly spaced, so a plain mean is the time average).</summary>
    private static double MeanUntil(IReadOnlyList<SeriesPoint> series, double end)
    {
        double sum = 0;
        var n = 0;
        foreach (var point in series)
        {
            if (point.TimeS > end)
            {
                break;
            }

            sum += point.Value;
            n++;
        }

        return n > 0 ? sum / n : 0;
    }
}
