using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Backends;

/// <summary>Where a site's jobs run: local processes, a Slurm cluster.</summary>
public interface IBackend
{
    /// <summary>The backend's name as registered with the server: <c>local</c> or <c>slurm</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Starts <paramref name="assignment"/> with <paramref name="folder"/> as its working folder (created
    /// if missing). Throws <see cref="BackendException"/> when the backend refuses the job.
    /// </summary>
    Task<IBackendRun> StartAsync(Assignment assignment, string folder, CancellationToken cancellationToken);

    /// <summary>
    /// Finds a run started by an earlier agent process, from the handle it journaled, or from
    /// <paramref name="folder"/> alone when the agent stopped before journaling one. Returns null when
    /// the run never started.
    /// </summary>
    Task<IBackendRun?> ReattachAsync(Assignment assignment, string folder, string? handle, DateTimeOffset startedAt, CancellationToken cancellationToken);
}
