using Suanwang.Agent.Backends;
using Suanwang.Agent.Processes;
using Suanwang.Agent.Tests.Fakes;
using Suanwang.Protocol.Agents;
using Suanwang.Testing;

namespace Suanwang.Agent.Tests.Backends;

public sealed class LocalBackendTests : IDisposable
{
    // The shell, a child shell and two sleeps: the group a stop must take down whole.
    private const string Spawner = "sleep 1000 & sleep 1000 & wait";

    private readonly TempFolder _work = new();
    private readonly ManualTimeProvider _time = new();
    private readonly StartedRuns _runs = new();

    public void Dispose()
    {
        _runs.Dispose();
        _work.Dispose();
    }

    private static Assignment Job(string run, double? limit = null, string devices = "", long job = 42) =>
        new(job, 1, "test-job", run, 1, 1, devices, limit);

    private string Folder(string name = "job") => Path.Combine(_work.Path, name);

    private Task<LocalRun> StartAsync(LocalBackend backend, Assignment assignment, string? folder = null) =>
        _runs.StartAsync(backend, assignment, folder ?? Folder());

    private static Task<RunStatus> EndAsync(LocalRun run) => StartedRuns.EndAsync(run);

    private static Task WaitForGroupAsync(LocalRun run, int members) =>
        Eventually.TrueAsync(() => ProcessGroup.LiveMembers(run.Pid).Count >= members, $"{members} processes in group {run.Pid}");

    [Fact]
    public async Task Command_RunsAndItsExitCodeAndOutputComeBack()
    {
        var backend = new LocalBackend(_time);

        var run = await StartAsync(backend, Job("echo hello; echo oops >&2; exit 0"));
        var status = await EndAsync(run);

        Assert.Equal(RunStatus.Exited(0), status);
        Assert.Equal("hello\noops\n", await File.ReadAllTextAsync(run.OutputPath));
        Assert.Equal(Path.Combine(Folder(), "output.log"), run.OutputPath);
    }

    [Fact]
    public async Task NonZeroExit_IsTheExitCode()
    {
        var backend = new LocalBackend(_time);

        var run = await StartAsync(backend, Job("exit 7"));

        Assert.Equal(RunStatus.Exited(7), await EndAsync(run));
    }

    [Fact]
    public async Task Job_LeadsItsOwnProcessGroup()
    {
        var backend = new LocalBackend(_time);

        var run = await StartAsync(backend, Job(Spawner));
        await WaitForGroupAsync(run, 3);

        Assert.True(ProcessGroup.TryReadStat(run.Pid, out var stat));
        Assert.Equal(run.Pid, stat.ProcessGroup);
        Assert.True(ProcessGroup.TryReadStat(Environment.ProcessId, out var mine));
        Assert.NotEqual(mine.ProcessGroup, stat.ProcessGroup);
    }

    [Fact]
    public async Task Environment_CarriesTheAssignedDevicesAndJobId_AndTheFolderIsTheWorkingFolder()
    {
        var backend = new LocalBackend(_time);

        var run = await StartAsync(backend, Job("echo \"$CUDA_VISIBLE_DEVICES|$ASCEND_RT_VISIBLE_DEVICES|$SUANWANG_JOB_ID|$SUANWANG_JOB_NAME\"; pwd", devices: "2,3", job: 77));
        await EndAsync(run);

        Assert.Equal($"2,3|2,3|77|test-job\n{Folder()}\n", await File.ReadAllTextAsync(run.OutputPath));
    }

    [Fact]
    public async Task NoDevices_HidesEveryDevice()
    {
        var backend = new LocalBackend(_time);

        var run = await StartAsync(backend, Job("echo \"[${CUDA_VISIBLE_DEVICES-unset}]\""));
        await EndAsync(run);

        Assert.Equal("[]\n", await File.ReadAllTextAsync(run.OutputPath));
    }

    [Fact]
    public async Task CpuSlots_HideEveryDevice_WhateverSlotsTheJobHolds()
    {
        var backend = new LocalBackend(_time, cpuSlots: true);

        var run = await StartAsync(backend, Job("echo \"[${CUDA_VISIBLE_DEVICES-unset}]\"", devices: "0,1"));
        await EndAsync(run);

        Assert.Equal("[]\n", await File.ReadAllTextAsync(run.OutputPath));
    }

    [Fact]
    public async Task Environment_HoldsNothingOfTheAgents()
    {
        Environment.SetEnvironmentVariable("SUANWANG_API_KEY", "agent-key-1234");
        var backend = new LocalBackend(_time);

        var run = await StartAsync(backend, Job("echo \"[${SUANWANG_API_KEY-unset}] $HOME\"; env | grep -c agent-key-1234"));
        await EndAsync(run);

        Assert.Equal($"[unset] {Folder()}\n0\n", await File.ReadAllTextAsync(run.OutputPath));
    }

    [Fact]
    public async Task Stop_KillsTheWholeGroupIncludingGrandchildren()
    {
        var backend = new LocalBackend(_time);
        var run = await StartAsync(backend, Job(Spawner));
        await WaitForGroupAsync(run, 4);
        var members = ProcessGroup.LiveMembers(run.Pid);

        await run.StopAsync("cancelled by the user", CancellationToken.None);
        var status = await EndAsync(run);

        Assert.Equal(RunStatus.Killed("cancelled by the user"), status);
        await Eventually.TrueAsync(() => members.All(pid => !ProcessGroup.IsAlive(pid)), "every process of the group to die");
        Assert.Empty(ProcessGroup.LiveMembers(run.Pid));
    }

    [Fact]
    public async Task TimeLimit_KillsTheWholeGroup()
    {
        var backend = new LocalBackend(_time);
        var run = await StartAsync(backend, Job(Spawner, limit: 60));
        await WaitForGroupAsync(run, 4);
        var members = ProcessGroup.LiveMembers(run.Pid);

        _time.Advance(59.9);
        Assert.False((await run.PollAsync(CancellationToken.None)).Ended);
        Assert.Equal(members.Count, ProcessGroup.LiveMembers(run.Pid).Count);

        _time.Advance(0.1);
        Assert.False((await run.PollAsync(CancellationToken.None)).Ended);
        var status = await EndAsync(run);

        Assert.Equal(RunStatus.Killed("time limit of 60 s reached"), status);
        await Eventually.TrueAsync(() => members.All(pid => !ProcessGroup.IsAlive(pid)), "every process of the group to die");
    }

    [Fact]
    public async Task Stop_OfAJobThatIgnoresSigterm_EscalatesToSigkillAfterTheGrace()
    {
        var backend = new LocalBackend(_time, killGrace: TimeSpan.FromSeconds(10));
        // An ignored signal stays ignored in the children, so nothing in the group dies of SIGTERM.
        var run = await StartAsync(backend, Job("trap '' TERM; " + Spawner));
        await WaitForGroupAsync(run, 4);
        var members = ProcessGroup.LiveMembers(run.Pid);

        await run.StopAsync("stopped", CancellationToken.None);
        _time.Advance(9);
        Assert.False((await run.PollAsync(CancellationToken.None)).Ended);
        Assert.Equal(members.Count, ProcessGroup.LiveMembers(run.Pid).Count);

        _time.Advance(1);
        await run.PollAsync(CancellationToken.None);
        var status = await EndAsync(run);

        Assert.Equal(RunStatus.Killed("stopped"), status);
        await Eventually.TrueAsync(() => members.All(pid => !ProcessGroup.IsAlive(pid)), "every process of the group to die");
    }

    [Fact]
    public async Task Stop_GivesAJobThatHandlesSigtermItsGraceToFinish()
    {
        var backend = new LocalBackend(_time, killGrace: TimeSpan.FromSeconds(30));
        var run = await StartAsync(backend, Job("trap 'echo saving; sleep 1; echo saved; exit 0' TERM; sleep 1000 & wait"));
        await WaitForGroupAsync(run, 3);

        await run.StopAsync("stopped", CancellationToken.None);
        // Polling as the agent does: nothing may cut the handler short while the grace lasts.
        var status = await Eventually.ResultAsync(async () => await run.PollAsync(CancellationToken.None) is { Ended: true } s ? s : null, "the job to finish its handler");

        Assert.Equal(RunStatus.Killed("stopped"), status);
        Assert.Equal("saving\nsaved\n", await File.ReadAllTextAsync(run.OutputPath));
    }

    [Fact]
    public async Task BackgroundProcesses_LeftBehindByTheMainCommand_DieWithIt()
    {
        var backend = new LocalBackend(_time);
        var run = await StartAsync(backend, Job("sleep 1000 & echo $! > straggler; exit 0"));

        var status = await EndAsync(run);
        var straggler = int.Parse((await File.ReadAllTextAsync(Path.Combine(Folder(), "straggler"))).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(RunStatus.Exited(0), status);
        await Eventually.TrueAsync(() => !ProcessGroup.IsAlive(straggler), "the background sleep to die");
    }

    [Fact]
    public async Task Reattach_AfterAnAgentRestart_FollowsAndStopsTheRunningJob()
    {
        var run = await StartAsync(new LocalBackend(_time), Job(Spawner));
        await WaitForGroupAsync(run, 4);

        var restarted = new LocalBackend(_time);
        var adopted = (LocalRun)(await restarted.ReattachAsync(Job(Spawner), Folder(), run.Handle, run.StartedAt, CancellationToken.None))!;
        _runs.Add(adopted);
        Assert.False((await adopted.PollAsync(CancellationToken.None)).Ended);

        await adopted.StopAsync("moved", CancellationToken.None);
        await EndAsync(run);
        var status = await EndAsync(adopted);

        Assert.Equal(RunStatus.Killed("moved"), status);
        Assert.Empty(ProcessGroup.LiveMembers(run.Pid));
    }

    [Fact]
    public async Task Reattach_ToAJobThatFinishedMeanwhile_ReadsItsExitCode()
    {
        var run = await StartAsync(new LocalBackend(_time), Job("echo done; exit 4"));
        await EndAsync(run);

        var adopted = await new LocalBackend(_time).ReattachAsync(Job("exit 4"), Folder(), run.Handle, run.StartedAt, CancellationToken.None);

        Assert.Equal(RunStatus.Exited(4), await adopted!.PollAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reattach_WithoutAHandle_FindsAJobThatDidStart()
    {
        var run = await StartAsync(new LocalBackend(_time), Job("sleep 1000"));
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(Folder(), "pid")), "the wrapper to claim the folder");

        var adopted = (LocalRun)(await new LocalBackend(_time).ReattachAsync(Job("sleep 1000"), Folder(), null, run.StartedAt, CancellationToken.None))!;
        _runs.Add(adopted);

        Assert.Equal(run.Pid, adopted.Pid);
        Assert.False((await adopted.PollAsync(CancellationToken.None)).Ended);
    }

    [Fact]
    public async Task Reattach_WithoutAHandle_ClaimsTheFolderSoALateWrapperDoesNotRun()
    {
        var backend = new LocalBackend(_time);

        var adopted = await backend.ReattachAsync(Job("touch ran"), Folder(), null, _time.GetUtcNow(), CancellationToken.None);
        var late = await StartAsync(backend, Job("touch ran"));
        var status = await EndAsync(late);

        Assert.Null(adopted);
        Assert.Equal(RunStatus.Exited(125), status);
        Assert.False(File.Exists(Path.Combine(Folder(), "ran")));
    }
}
