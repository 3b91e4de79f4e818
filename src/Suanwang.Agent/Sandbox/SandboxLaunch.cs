namespace Suanwang.Agent.Sandbox;

/// <summary>How one job is started inside its sandbox.</summary>
/// <param name="WorkingFolder">The job's private working folder, owned by its user.</param>
/// <param name="User">The user the job runs as; null when it runs as the agent's own user.</param>
/// <param name="ProcsFiles">The control groups' <c>cgroup.procs</c> files the job's first process joins.</param>
/// <param name="Prefix">The command that runs the job's shell in its namespaces, limits and user: <c>unshare</c>, <c>prlimit</c>, <c>setpriv</c>.</param>
/// <param name="CheckpointFolder">For a job that checkpoints, its folder kept across runs, owned by its user; null otherwise.</param>
public sealed record SandboxLaunch(string WorkingFolder, UnixUser? User, IReadOnlyList<string> ProcsFiles, IReadOnlyList<string> Prefix, string? CheckpointFolder = null);
