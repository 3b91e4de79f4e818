namespace Suanwang.Agent.Backends;

/// <summary>What a poll found: running, or ended with an exit code (it exited) or a reason (it was killed or lost).</summary>
/// <param name="Ended">False while the job runs (or waits in the backend's queue).</param>
/// <param name="ExitCode">The exit code when the command exited by itself.</param>
/// <param name="Reason">Why it ended without an exit code: stop order, time limit, lost.</param>
/// <param name="WallSeconds">Seconds it ran, when the backend knows better than the agent's clock (Slurm's run time).</param>
public sealed record RunStatus(bool Ended, int? ExitCode = null, string? Reason = null, double? WallSeconds = null)
{
    /// <summary>The run goes on.</summary>
    public static RunStatus Running { get; } = new(false);

    /// <summary>The command exited with <paramref name="exitCode"/>.</summary>
    public static RunStatus Exited(int exitCode, double? wallSeconds = null) => new(true, exitCode, null, wallSeconds);

    /// <summary>The run ended without an exit code.</summary>
    public static RunStatus Killed(string reason, double? wallSeconds = null) => new(true, null, reason, wallSeconds);
}
