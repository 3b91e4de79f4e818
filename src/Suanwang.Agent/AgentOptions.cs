using Suanwang.Agent.Sandbox;

namespace Suanwang.Agent;

/// <summary>Everything <c>suanwang agent</c> (and the embedded agent of <c>suanwang up</c>) needs to run.</summary>
public sealed record AgentOptions
{
    /// <summary>The server's base URL, for example <c>http://127.0.0.1:8080</c>.</summary>
    public required string ServerUrl { get; init; }

    /// <summary>The API key sent as a Bearer token; null or empty for a server without keys.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The site, as YAML text in the network file's site format.</summary>
    public required string SiteYaml { get; init; }

    /// <summary>Where jobs run: <c>local</c> or <c>slurm</c>.</summary>
    public string Backend { get; init; } = "local";

    /// <summary>The agent's folder: its journal and one working folder per job.</summary>
    public required string WorkFolder { get; init; }

    /// <summary>Seconds between heartbeats until the server says otherwise at registration.</summary>
    public double HeartbeatSeconds { get; init; } = 5;

    /// <summary>Seconds between two looks at the running jobs (output, exit, time limits).</summary>
    public double PollSeconds { get; init; } = 1;

    /// <summary>Seconds a stopped local job gets between SIGTERM and SIGKILL.</summary>
    public double KillGraceSeconds { get; init; } = 10;

    /// <summary>For the Slurm backend: the generic resource the site's cards are (<c>gpu</c>), or null when its nodes have no accelerators.</summary>
    public string? SlurmGres { get; init; } = "gpu";

    /// <summary>For the Slurm backend: the partition to submit to; null for the default.</summary>
    public string? SlurmPartition { get; init; }

    /// <summary>How local jobs are isolated from the agent and from each other (and which user Slurm jobs are submitted as); null runs them unsandboxed, as the agent's user.</summary>
    public SandboxOptions? Sandbox { get; init; } = new();

    /// <summary>Receives one line per notable event (registered, server away, job started); null to stay quiet.</summary>
    public Action<string>? Log { get; init; }
}
