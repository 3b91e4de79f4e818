namespace Suanwang.Agent.Sandbox;

/// <summary>How the local backend isolates jobs from the agent, the server and each other (docs/security.md).</summary>
public sealed record SandboxOptions
{
    /// <summary>The default memory limit per card (or CPU slot) of a job: 8 GiB.</summary>
    public const long DefaultMemoryPerCardBytes = 8L * 1024 * 1024 * 1024;

    /// <summary>Where the jobs' working folders go (one folder per tenant inside); null for <see cref="JobSandbox.DefaultJobsFolder"/>.</summary>
    public string? JobsFolder { get; init; }

    /// <summary>Tenants whose jobs run as an existing Unix user instead of the <c>sw-TENANT</c> user the agent creates.</summary>
    public IReadOnlyDictionary<string, string> TenantUsers { get; init; } = new Dictionary<string, string>();

    /// <summary>Without root: run the jobs of every tenant as the agent's own user, with no isolation between tenants.</summary>
    public bool SingleUser { get; init; }

    /// <summary>Memory a job may use per card (or CPU slot) it holds, in bytes.</summary>
    public long MemoryPerCardBytes { get; init; } = DefaultMemoryPerCardBytes;

    /// <summary>Processes (and threads) a job may have at once.</summary>
    public int MaxProcesses { get; init; } = 4096;

    /// <summary>Files a job's process may have open at once (RLIMIT_NOFILE).</summary>
    public int MaxOpenFiles { get; init; } = 4096;

    /// <summary>CPU weight per card (cgroup v1 cpu.shares; 1024 is the kernel's default for one group).</summary>
    public int CpuSharesPerCard { get; init; } = 1024;

    /// <summary>The largest file a job may write (RLIMIT_FSIZE), in bytes; null for no limit.</summary>
    public long? MaxFileSizeBytes { get; init; }

    /// <summary>Run each job in new PID, mount and IPC namespaces when the kernel allows it.</summary>
    public bool Namespaces { get; init; } = true;
}
