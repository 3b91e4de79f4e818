namespace Suanwang.Agent.Backends;

/// <summary>How the <see cref="SlurmBackend"/> asks Slurm for resources.</summary>
/// <param name="Gres">The generic resource the site's cards are (<c>gpu</c>); null for a cluster without accelerators, where a job's cards become CPUs per node.</param>
/// <param name="Partition">The partition to submit to; null for the cluster's default.</param>
/// <param name="ConfigFile">A slurm.conf other than the system's (sets SLURM_CONF for every Slurm command); null for the default.</param>
public sealed record SlurmBackendOptions(string? Gres = "gpu", string? Partition = null, string? ConfigFile = null)
{
    /// <summary>How long one Slurm command (sbatch, scontrol, scancel) may take.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
