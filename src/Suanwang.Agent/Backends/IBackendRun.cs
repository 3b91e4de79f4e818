namespace Suanwang.Agent.Backends;

/// <summary>One started job on a backend.</summary>
public interface IBackendRun
{
    /// <summary>What finds the run again after an agent restart: a process id, a Slurm job id.</summary>
    string Handle { get; }

    /// <summary>The file the job's stdout and stderr go to.</summary>
    string OutputPath { get; }

    /// <summary>When the run started, by the backend's clock.</summary>
    DateTimeOffset StartedAt { get; }

    /// <summary>Looks at the run: still running, or ended with an exit code or a reason. Enforces the time limit.</summary>
    Task<RunStatus> PollAsync(CancellationToken cancellationToken);

    /// <summary>Kills the run (all of its processes); a later poll reports it ended with <paramref name="reason"/>.</summary>
    Task StopAsync(string reason, CancellationToken cancellationToken);
}
