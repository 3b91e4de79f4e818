namespace Suanwang.Simulation;

/// <summary>How to run a simulation.</summary>
/// <param name="Policy">Queue policy name (see <c>QueuePolicies.Names</c>).</param>
/// <param name="Objective">Placement objective: time, cost, carbon or balanced.</param>
/// <param name="Packer">Node packer: best-fit or fragmentation-aware.</param>
/// <param name="Seed">Seed for failures and spot marking; the same seed gives the same run.</param>
/// <param name="Failures">Whether sites fail and recover per their reliability figures.</param>
/// <param name="SpotShare">Share of jobs, 0..1, submitted as spot work.</param>
/// <param name="MaxScan">Most queued jobs tried per cycle under backfill and the preemptive policies.</param>
/// <param name="RestartSeconds">Seconds a preempted job spends resuming from its checkpoint (preemptive policies).</param>
/// <param name="IntervalSeconds">How often a preemptive policy reviews running jobs while others wait, and the elastic allocator reallocates.</param>
/// <param name="Elastic">
/// Whether jobs are elastic: the elastic allocator, not the queue policy, shares the cards among
/// them at arrivals, completions and every interval, each resize a checkpoint-restart costing
/// <paramref name="RestartSeconds"/>. Jobs whose trace gives no elastic profile keep their size.
/// </param>
public sealed record SimulationOptions(
    string Policy = "fifo",
    string Objective = "time",
    string Packer = "best-fit",
    int Seed = 1,
    bool Failures = true,
    double SpotShare = 0,
    int MaxScan = 500,
    double RestartSeconds = 30,
    double IntervalSeconds = 60,
    bool Elastic = false);
