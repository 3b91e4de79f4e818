namespace Suanwang.Bench.Common;

/// <summary>Published throughput figures of other schedulers, for scale only: they include work ours does not (API writes, binding, RPCs).</summary>
public static class References
{
    /// <summary>Pods per second: the throughput threshold of the Kubernetes scheduler's performance tests (test/integration/scheduler_perf).</summary>
    public const double KubernetesPodsPerSecond = 400;

    /// <summary>Jobs per second Slurm's overview documents it can fully execute ("500 simple jobs per second").</summary>
    public const double SlurmJobsPerSecond = 500;
}
