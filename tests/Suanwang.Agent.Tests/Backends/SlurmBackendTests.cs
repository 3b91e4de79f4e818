using Suanwang.Agent.Backends;
using Suanwang.Agent.Sandbox;
using Suanwang.Agent.Tests.Fakes;
using Suanwang.Protocol.Agents;
using Suanwang.Testing;

namespace Suanwang.Agent.Tests.Backends;

/// <summary>The Slurm backend against a real slurmctld and slurmd (scripts/slurm.sh).</summary>
public sealed class SlurmBackendTests : IClassFixture<SlurmCluster>, IDisposable
{
    private static long s_nextJob = DateTimeOffset.UtcNow.ToUnixTimeSeconds() * 100;

    private readonly TempFolder _work = new();
    private readonly SlurmBackend _backend = new(TimeProvider.System, new SlurmBackendOptions(Gres: null));
    private readonly List<IBackendRun> _runs = [];

    public void Dispose()
    {
        foreach (var run in _runs)
        {
            SlurmCluster.RunAsync("scancel", run.Handle).GetAwaiter().GetResult();
        }

        _work.Dispose();
    }

    private static Assignment Job(string run, double? limit = null, int cards = 1) =>
        new(Interlocked.Increment(ref s_nextJob), 1, "slurm-test", run, 1, cards, "", limit);

    private async Task<IBackendRun> StartAsync(Assignment assignment, SlurmBackend? backend = null)
    {
        var run = await (backend ?? _backend).StartAsync(assignment, Path.Combine(_work.Path, $"{assignment.Job}-{assignment.Fence}"), CancellationToken.None);
        _runs.Add(run);
        return run;
    }

    private static Task<RunStatus> EndAsync(IBackendRun run, double timeoutSeconds = 60) =>
        Eventually.ResultAsync(
            async () => await run.PollAsync(CancellationToken.None) is { Ended: true } status ? status : null,
            $"Slurm job {run.Handle} to end",
            timeoutSeconds);

    private static Task<string> WaitUntilRunningAsync(IBackendRun run) =>
        Eventually.ResultAsync(
            async () => (await SlurmCluster.RunAsync("squeue", "-h", "-j", run.Handle, "-o", "%T")).Stdout.Trim() == "RUNNING" ? "running" : null,
            $"Slurm job {run.Handle} to run");

    [Fact]
    public async Task Job_RunsAndItsOutputComesBack()
    {
        var run = await StartAsync(Job("echo \"hello from $SUANWANG_JOB_ID\"; echo warn >&2"));

        var status = await EndAsync(run);

        Assert.Equal(0, status.ExitCode);
        Assert.Null(status.Reason);
        Assert.NotNull(status.WallSeconds);
        var text = await File.ReadAllTextAsync(run.OutputPath);
        Assert.Contains("hello from ", text, StringComparison.Ordinal);
        Assert.Contains("warn", text, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task WithASandbox_TheJobIsSubmittedAsItsTenantsUser_WithoutTheAgentsEnvironment()
    {
        Assert.True(Posix.IsRoot, "the Slurm tests run as root, as scripts/slurm.sh needs");
        File.SetUnixFileMode(_work.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        Environment.SetEnvironmentVariable("SUANWANG_API_KEY", "agent-key-5678");
        var sandbox = new JobSandbox(new SandboxOptions { JobsFolder = Path.Combine(_work.Path, "jobs") }, Path.Combine(_work.Path, "agent"));
        var backend = new SlurmBackend(TimeProvider.System, new SlurmBackendOptions(Gres: null), sandbox);
        var assignment = Job("echo \"$(id -un) [${SUANWANG_API_KEY-unset}]\"") with { Tenant = "slurm-tenant" };

        var run = await StartAsync(assignment, backend);
        var status = await EndAsync(run);

        Assert.Equal(0, status.ExitCode);
        Assert.Equal(Path.Combine(_work.Path, "jobs", "slurm-tenant", $"{assignment.Job}-1", "output.log"), run.OutputPath);
        Assert.Equal("sw-slurm-tenant [unset]\n", await File.ReadAllTextAsync(run.OutputPath));
        var user = (await SlurmCluster.RunAsync("squeue", "-h", "--states=all", "-j", run.Handle, "-o", "%u")).Stdout.Trim();
        Assert.Equal("sw-slurm-tenant", user);
    }

    [Fact]
    public async Task NonZeroExit_IsReportedAsTheExitCode()
    {
        var run = await StartAsync(Job("exit 5"));

        var status = await EndAsync(run);

        Assert.Equal((true, 5, (string?)null), (status.Ended, status.ExitCode, status.Reason));
    }

    [Fact]
    public async Task Stop_ScancelsALongJob()
    {
        var run = await StartAsync(Job("sleep 1000"));
        await WaitUntilRunningAsync(run);

        await run.StopAsync("cancelled by the user", CancellationToken.None);
        var status = await EndAsync(run);

        Assert.Equal((true, (int?)null, "cancelled by the user"), (status.Ended, status.ExitCode, status.Reason));
        var state = await SlurmCluster.RunAsync("scontrol", "show", "job", "-o", run.Handle);
        Assert.Contains("JobState=CANCELLED", state.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeLimit_IsEnforcedToTheSecond()
    {
        var run = await StartAsync(Job("sleep 1000", limit: 2));

        var status = await EndAsync(run);

        Assert.Equal((true, (int?)null, "time limit of 2 s reached"), (status.Ended, status.ExitCode, status.Reason));
    }

    [Fact]
    public async Task SbatchRefusal_IsABackendErrorWithSlurmsMessage()
    {
        // The test node has no GPUs, so a GPU request cannot be satisfied.
        var gpus = new SlurmBackend(TimeProvider.System, new SlurmBackendOptions(Gres: "gpu"));

        var error = await Assert.ThrowsAsync<BackendException>(() => StartAsync(Job("true"), gpus));

        Assert.StartsWith("sbatch refused the job: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reattach_WithoutAHandle_FindsTheJobByName()
    {
        var assignment = Job("sleep 1000");
        var run = await StartAsync(assignment);

        var found = await new SlurmBackend(TimeProvider.System, new SlurmBackendOptions(Gres: null))
            .ReattachAsync(assignment, Path.Combine(_work.Path, $"{assignment.Job}-{assignment.Fence}"), null, run.StartedAt, CancellationToken.None);

        Assert.Equal(run.Handle, found?.Handle);
    }

    [Fact]
    public async Task Agent_OnSlurm_ReportsStartOutputAndExit()
    {
        var server = new FakeServer();
        var assignment = Job("echo hi; exit 3", cards: 2);
        server.Offered.Add(assignment);
        await using var host = new AgentHost(server, _backend, "id: cn-test-1\n", _work.Path, TimeProvider.System);

        var exited = await Eventually.ResultAsync(
            async () =>
            {
                await host.TickAsync(CancellationToken.None);
                return server.ReportsFor(assignment.Job).FirstOrDefault(r => r.Kind == ReportKind.Exited);
            },
            "the exited report",
            60);

        var reports = server.ReportsFor(assignment.Job);
        Assert.Equal(ReportKind.Started, reports[0].Kind);
        Assert.Equal("hi\n", string.Concat(reports.Where(r => r.Kind == ReportKind.Log).Select(r => r.Text)));
        Assert.Equal(3, exited.ExitCode);
        // Two cards for whole seconds of Slurm run time.
        Assert.Equal(0, exited.AcceleratorSeconds!.Value % 2);
        Assert.Single(server.Registrations, r => r.Backend == "slurm");
    }
}
