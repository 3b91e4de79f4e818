namespace Suanwang.Scheduling.Queue;

/// <summary>How a scheduling cycle treats jobs that cannot start now.</summary>
/// <param name="Backfill">EASY backfill: reserve for the first blocked job and let later jobs use what it does not need.</param>
/// <param name="PreemptSpot">Let jobs that are not spot preempt spot jobs.</param>
/// <param name="MaxScan">Most queued jobs tried per cycle (Slurm's bf_max_job_test plays the same role).</param>
/// <param name="RestartSeconds">Seconds a preemptible job spends resuming from its checkpoint each time it restarts.</param>
public sealed record SchedulerOptions(bool Backfill = false, bool PreemptSpot = true, int MaxScan = 500, double RestartSeconds = 0);
