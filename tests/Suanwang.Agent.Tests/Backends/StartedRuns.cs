using Suanwang.Agent.Backends;
using Suanwang.Agent.Processes;
using Suanwang.Protocol.Agents;
using Suanwang.Testing;

namespace Suanwang.Agent.Tests.Backends;

/// <summary>The local runs a test started: awaited to their end, and any still alive killed with their group when the test ends.</summary>
internal sealed class StartedRuns : IDisposable
{
    private readonly List<LocalRun> _runs = [];

    /// <summary>Starts <paramref name="assignment"/> in <paramref name="folder"/> and keeps the run for clean-up.</summary>
    public async Task<LocalRun> StartAsync(LocalBackend backend, Assignment assignment, string folder)
    {
        var run = (LocalRun)await backend.StartAsync(assignment, folder, CancellationToken.None);
        _runs.Add(run);
        return run;
    }

    /// <summary>Keeps a run started elsewhere (an adopted one) for clean-up.</summary>
    public void Add(LocalRun run) => _runs.Add(run);

    /// <summary>Waits for <paramref name="run"/> to exit and returns its ended status.</summary>
    public static async Task<RunStatus> EndAsync(LocalRun run)
    {
        await Eventually.EventAsync(run.WaitForExitAsync(CancellationToken.None), $"run {run.Pid} to exit", seconds: 20);
        var status = await run.PollAsync(CancellationToken.None);
        Assert.True(status.Ended, "the run should have ended");
        return status;
    }

    /// <summary>Kills every run's process group still alive.</summary>
    public void Dispose()
    {
        foreach (var run in _runs)
        {
            if (run.Pid > 0)
            {
                ProcessGroup.Signal(run.Pid, ProcessGroup.SigKill, orLeader: false);
            }
        }
    }
}
