using Suanwang.Agent.Backends;

namespace Suanwang.Agent;

/// <summary>
/// Faults of one job: whatever starting, watching or taking up a run throws fails that run with
/// the reason, and the agent, its other runs and the process hosting it go on.
/// </summary>
public sealed partial class AgentHost
{
    // The run being looked at by the poll, so that a fault there is charged to it alone.
    private TrackedRun? _watching;

    // Anything but the agent being stopped, or the process running out of memory.
    private static bool OneJobFault(Exception ex, CancellationToken cancellationToken) =>
        ex is not OutOfMemoryException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private async Task FailAsync(TrackedRun tracked, string what, Exception ex, CancellationToken cancellationToken)
    {
        var reason = $"{what}: {ex.Message}";
        _log($"job {tracked.Key.Job} (fence {tracked.Key.Fence}) failed: {reason}");
        if (tracked.Run is { } run)
        {
            try
            {
                await run.StopAsync(reason, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception stop) when (OneJobFault(stop, cancellationToken))
            {
                _log($"job {tracked.Key.Job} (fence {tracked.Key.Fence}): could not stop: {stop.Message}");
            }
        }

        await EndAsync(tracked, RunStatus.Killed(reason), cancellationToken).ConfigureAwait(false);
    }
}
