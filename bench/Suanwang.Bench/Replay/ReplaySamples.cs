using Suanwang.Bench.Common;

namespace Suanwang.Bench.Replay;

/// <summary>Repeated child runs of one configuration, figure by figure.</summary>
public sealed class ReplaySamples
{
    public Samples Read { get; } = new(higherIsBetter: false);

    public Samples Simulate { get; } = new(higherIsBetter: false);

    public Samples Total { get; } = new(higherIsBetter: false);

    public Samples Cpu { get; } = new(higherIsBetter: false);

    public Samples PeakBytes { get; } = new(higherIsBetter: false);

    public Samples EventsPerSecond { get; } = new(higherIsBetter: true);

    /// <summary>The last run's figures; events, jobs and utilization are the same every run (the simulation is deterministic).</summary>
    public ReplayFigures? Last { get; private set; }

    public void Add(ReplayFigures figures)
    {
        Read.Add(figures.ReadSeconds);
        Simulate.Add(figures.SimulateSeconds);
        Total.Add(figures.TotalSeconds);
        Cpu.Add(figures.CpuSeconds);
        PeakBytes.Add(figures.PeakBytes);
        EventsPerSecond.Add(figures.EventsPerSecond);
        Last = figures;
    }
}
