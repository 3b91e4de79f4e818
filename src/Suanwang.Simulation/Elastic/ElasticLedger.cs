using Suanwang.Scheduling.State;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Elastic;

/// <summary>
/// Each job of an elastic run: its profile, where it runs and on how many cards, and how much of
/// its work is done. Work done is counted at every stop, so a resize keeps it.
/// </summary>
internal sealed class ElasticLedger
{
    public ElasticLedger(IReadOnlyList<ElasticProfile> profiles)
    {
        var n = profiles.Count;
        Profiles = profiles;
        Throughput = new double[n][];
        for (var j = 0; j < n; j++)
        {
            Throughput[j] = [.. profiles[j].Throughput];
        }

        Speed = new double[n][];
        Allocation = new Allocation?[n];
        Pool = new int[n];
        Array.Fill(Pool, -1);
        Cards = new int[n];
        Rate = new double[n];
        SegmentStart = new double[n];
        Overhead = new double[n];
        WorkDone = new double[n];
        Attained = new double[n];
        Restarts = new int[n];
        Resizes = new int[n];
        WaitingSince = new double[n];
        HasRun = new bool[n];
        Finished = new bool[n];
    }

    /// <summary>Each job's profile.</summary>
    public IReadOnlyList<ElasticProfile> Profiles { get; }

    /// <summary>Each job's throughput at k cards on the reference model, as an array.</summary>
    public double[][] Throughput { get; }

    /// <summary>Each job's speed on each pool relative to the reference model; 0 where it may not run.</summary>
    public double[][] Speed { get; }

    /// <summary>The cards each running job holds; null while it waits.</summary>
    public Allocation?[] Allocation { get; }

    /// <summary>Pool of each running job, -1 while it waits.</summary>
    public int[] Pool { get; }

    /// <summary>Cards of each running job, 0 while it waits.</summary>
    public int[] Cards { get; }

    /// <summary>Work per second of each running job's current run.</summary>
    public double[] Rate { get; }

    /// <summary>When each running job's current run began.</summary>
    public double[] SegmentStart { get; }

    /// <summary>Seconds of the current run spent restarting from a checkpoint before work resumes.</summary>
    public double[] Overhead { get; }

    /// <summary>Work done in the runs that have ended.</summary>
    public double[] WorkDone { get; }

    /// <summary>Card-seconds held in the runs that have ended.</summary>
    public double[] Attained { get; }

    /// <summary>Starts that resumed from a checkpoint (after a resize, a preemption or an eviction).</summary>
    public int[] Restarts { get; }

    /// <summary>Times a running job was moved straight to another size or pool.</summary>
    public int[] Resizes { get; }

    /// <summary>When each waiting job last stopped, or arrived.</summary>
    public double[] WaitingSince { get; }

    /// <summary>Whether each job has run before (its next start resumes from a checkpoint).</summary>
    public bool[] HasRun { get; }

    /// <summary>Whether each job has done all its work.</summary>
    public bool[] Finished { get; }

    /// <summary>Work done by <paramref name="now"/>, counting the current run.</summary>
    public double DoneAt(int job, double now)
    {
        var done = WorkDone[job];
        if (Cards[job] > 0)
        {
            done += Rate[job] * Math.Max(0, now - SegmentStart[job] - Overhead[job]);
        }

        return Math.Min(done, Profiles[job].Work);
    }

    /// <summary>Card-seconds held by <paramref name="now"/>, counting the current run.</summary>
    public double AttainedAt(int job, double now) =>
        Attained[job] + (Cards[job] * Math.Max(0, now - SegmentStart[job]));
}
