using Suanwang.Agent.Backends;
using Suanwang.Agent.Processes;
using Suanwang.Agent.Tests.Fakes;
using Suanwang.Protocol.Agents;
using Suanwang.Testing;

namespace Suanwang.Agent.Tests.Backends;

/// <summary>Jobs that checkpoint on the local backend: their grace, their checkpoint folder, their card count.</summary>
public sealed class LocalBackendCheckpointTests : IDisposable
{
    private readonly TempFolder _work = new();
    private readonly ManualTimeProvider _time = new();
    private readonly StartedRuns _runs = new();

    public void Dispose()
    {
        _runs.Dispose();
        _work.Dispose();
    }

    private static Assignment Job(string run, long fence, double? grace, int cards = 1) =>
        new(5, fence, "ckpt", run, 1, cards, "", null, GraceSeconds: grace);

    private Task<LocalRun> StartAsync(LocalBackend backend, Assignment assignment) =>
        _runs.StartAsync(backend, assignment, Path.Combine(_work.Path, "jobs", $"{assignment.Job}-{assignment.Fence}"));

    private static Task<RunStatus> EndAsync(LocalRun run) => StartedRuns.EndAsync(run);

    [Fact]
    public async Task CheckpointFolder_IsKeptAcrossRuns_AndCardsAreInTheEnvironment()
    {
        var backend = new LocalBackend(_time);
        const string Script = "echo \"$SUANWANG_CARDS\"; cat \"$SUANWANG_CHECKPOINT_DIR/state\" 2>/dev/null; echo \"run $SUANWANG_CARDS\" >\"$SUANWANG_CHECKPOINT_DIR/state\"";

        var first = await StartAsync(backend, Job(Script, fence: 1, grace: 30, cards: 1));
        await EndAsync(first);
        var second = await StartAsync(backend, Job(Script, fence: 2, grace: 30, cards: 2));
        await EndAsync(second);

        Assert.Equal("1\n", await File.ReadAllTextAsync(first.OutputPath));
        Assert.Equal("2\nrun 1\n", await File.ReadAllTextAsync(second.OutputPath));
        Assert.True(Directory.Exists(Path.Combine(_work.Path, "jobs", "5-checkpoint")));
    }

    [Fact]
    public async Task JobThatDoesNotCheckpoint_HasNoCheckpointFolder()
    {
        var backend = new LocalBackend(_time);

        var run = await StartAsync(backend, Job("echo \"[${SUANWANG_CHECKPOINT_DIR-unset}] $SUANWANG_CARDS\"", fence: 1, grace: null));
        await EndAsync(run);

        Assert.Equal("[unset] 1\n", await File.ReadAllTextAsync(run.OutputPath));
    }

    [Fact]
    public async Task Stop_OfAJobThatCheckpoints_WaitsItsOwnGrace_NotTheBackends()
    {
        var backend = new LocalBackend(_time, killGrace: TimeSpan.FromSeconds(1));
        var run = await StartAsync(backend, Job("trap '' TERM; sleep 1000 & wait", fence: 1, grace: 20));
        await Eventually.TrueAsync(() => ProcessGroup.LiveMembers(run.Pid).Count >= 3, "the job's processes");

        await run.StopAsync("preempted", CancellationToken.None);
        _time.Advance(19);
        Assert.False((await run.PollAsync(CancellationToken.None)).Ended);

        _time.Advance(1);
        await run.PollAsync(CancellationToken.None);

        Assert.Equal(RunStatus.Killed("preempted"), await EndAsync(run));
    }
}
