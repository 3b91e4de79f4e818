namespace Suanwang.Protocol.Agents;

/// <summary>Work for an agent: run this command under this fence.</summary>
/// <param name="Job">Job id.</param>
/// <param name="Fence">Fencing token; every report about this run carries it.</param>
/// <param name="Name">Job name.</param>
/// <param name="Run">The command, run by <c>/bin/sh -c</c>.</param>
/// <param name="Nodes">Nodes of the gang.</param>
/// <param name="CardsPerNode">Cards on each node.</param>
/// <param name="Devices">Node-local device indices for the job (for CUDA_VISIBLE_DEVICES), comma-separated, for example "0,1"; a gang gives one group per node in node order, separated by ';' ("0,1;4,5").</param>
/// <param name="TimeLimitSeconds">Hard limit; the agent kills the job past it.</param>
/// <param name="Tenant">The job's tenant, whose Unix user the job runs as; null from a server that does not say.</param>
/// <param name="LogOffset">Where this run's output starts in the job's log: after the output of its earlier runs; null for 0.</param>
/// <param name="GraceSeconds">For a job that checkpoints (preemptible or elastic): how long it has after SIGTERM before SIGKILL, and it gets a checkpoint folder kept across its runs on the site; null for other jobs.</param>
public sealed record Assignment(long Job, long Fence, string Name, string Run, int Nodes, int CardsPerNode, string Devices, double? TimeLimitSeconds, string? Tenant = null, double? GraceSeconds = null, long? LogOffset = null);
