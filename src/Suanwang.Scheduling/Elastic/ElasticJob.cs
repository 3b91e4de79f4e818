namespace Suanwang.Scheduling.Elastic;

/// <summary>
/// One job as the elastic allocator sees it: plain numbers, so the simulator and the live control
/// plane can both describe their jobs with it.
/// </summary>
/// <param name="Id">The caller's job id; the allocator only passes it through.</param>
/// <param name="MinCards">Fewest cards the job runs on.</param>
/// <param name="MaxCards">Most cards the job can use.</param>
/// <param name="Throughput">Work per second at k cards (index k) on a pool of speed 1; index 0 is unused. At least <paramref name="MaxCards"/> + 1 long.</param>
/// <param name="PoolSpeed">The job's speed on each pool relative to speed 1 (0 where it may not run); empty for 1 on every pool.</param>
/// <param name="RemainingWork">Work left, in the units of <paramref name="Throughput"/>.</param>
/// <param name="WaitingSeconds">Seconds it has waited without cards since it last ran or arrived; 0 while it runs.</param>
/// <param name="Pool">Pool it runs on now, or -1 while it waits.</param>
/// <param name="Cards">Cards it holds now, 0 while it waits.</param>
/// <param name="Resumes">Whether its next start resumes from a checkpoint and pays the restart.</param>
public readonly record struct ElasticJob(
    long Id,
    int MinCards,
    int MaxCards,
    ReadOnlyMemory<double> Throughput,
    ReadOnlyMemory<double> PoolSpeed,
    double RemainingWork,
    double WaitingSeconds,
    int Pool,
    int Cards,
    bool Resumes)
{
    /// <summary>Whether it holds cards now.</summary>
    public bool IsRunning => Cards > 0;

    /// <summary>Its speed on <paramref name="pool"/> (1 when no per-pool speeds were given).</summary>
    public double SpeedOn(int pool) => PoolSpeed.IsEmpty ? 1 : PoolSpeed.Span[pool];
}
