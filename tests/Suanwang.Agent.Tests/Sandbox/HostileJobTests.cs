using System.Globalization;
using System.Runtime.Versioning;
using Suanwang.Agent.Backends;
using Suanwang.Agent.Processes;
using Suanwang.Agent.Sandbox;
using Suanwang.Agent.Tests.Fakes;
using Suanwang.Protocol.Agents;
using Suanwang.Testing;

namespace Suanwang.Agent.Tests.Sandbox;

/// <summary>
/// Jobs of tenant B that attack tenant A's running job, the agent and the machine, through the local
/// backend's sandbox with real users, namespaces and limits. Every attempt fails, A's job goes on
/// untouched, and B's job ends with a clear state.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class HostileJobTests : IAsyncLifetime, IDisposable
{
    private const string TenantA = "hostile-a";
    private const string TenantB = "hostile-b";
    private const string Secret = "key-that-must-not-leak-4711";
    private const int MaxProcesses = 40;
    private const long Memory = 64L * 1024 * 1024;
    private const long MaxFile = 1024 * 1024;

    private static long s_nextJob = DateTimeOffset.UtcNow.ToUnixTimeSeconds() * 1000;

    private readonly TempFolder _root = new();
    private readonly List<LocalRun> _runs = [];
    private readonly Dictionary<LocalRun, long> _jobs = [];
    private LocalBackend _backend = null!;
    private LocalRun _a = null!;

    private string Agent => Path.Combine(_root.Path, "agent");

    private string Jobs => Path.Combine(_root.Path, "jobs");

    private string ControlA => Path.Combine(Agent, "jobs", "a");

    public async Task InitializeAsync()
    {
        if (!Posix.IsRoot)
        {
            return;
        }

        // The temp folder is private to its creator; the jobs folder inside must be reachable by the tenants' users.
        File.SetUnixFileMode(_root.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        SandboxFolders.CreatePrivate(Agent);
        await File.WriteAllTextAsync(Path.Combine(Agent, "client.json"), $"{{\"apiKey\":\"{Secret}\"}}");
        await File.WriteAllTextAsync(Path.Combine(Agent, "suanwang.db"), "database");
        await File.WriteAllTextAsync(Path.Combine(Agent, "journal.jsonl"), "journal");

        // What an agent started with SUANWANG_API_KEY would otherwise hand to every job.
        Environment.SetEnvironmentVariable("SUANWANG_API_KEY", Secret);
        var options = new SandboxOptions { JobsFolder = Jobs, MaxProcesses = MaxProcesses, MemoryPerCardBytes = Memory, MaxFileSizeBytes = MaxFile };
        _backend = new LocalBackend(TimeProvider.System, TimeSpan.FromSeconds(1), new JobSandbox(options, Agent), cpuSlots: true);
        _a = await StartAsync(TenantA, "echo a-private > secret.txt; echo a-output; exec sleep 1000", ControlA);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(WorkingFolder(TenantA, _a), "secret.txt")) && File.ReadAllText(_a.OutputPath).Contains("a-output", StringComparison.Ordinal), "A's job to write its file and output");
    }

    public async Task DisposeAsync()
    {
        foreach (var run in _runs)
        {
            if (!(await run.PollAsync(CancellationToken.None)).Ended)
            {
                ProcessGroup.Signal(run.Pid, ProcessGroup.SigKill, orLeader: false);
                await run.WaitForExitAsync(CancellationToken.None);
                await run.PollAsync(CancellationToken.None);
            }

            await run.Released;
        }
    }

    public void Dispose() => _root.Dispose();

    private string WorkingFolder(string tenant, LocalRun run) => Path.Combine(Jobs, tenant, $"{_jobs[run]}-1");

    private async Task<LocalRun> StartAsync(string tenant, string command, string? control = null)
    {
        var job = Interlocked.Increment(ref s_nextJob);
        var assignment = new Assignment(job, 1, "hostile", command, 1, 1, "0", null, tenant);
        var run = (LocalRun)await _backend.StartAsync(assignment, control ?? Path.Combine(Agent, "jobs", job.ToString(CultureInfo.InvariantCulture)), CancellationToken.None);
        _runs.Add(run);
        _jobs[run] = job;
        return run;
    }

    /// <summary>Runs a job of B to its end; its status and output.</summary>
    private async Task<(RunStatus Status, string Output)> RunBAsync(string command)
    {
        var run = await StartAsync(TenantB, command);
        await Eventually.EventAsync(run.WaitForExitAsync(CancellationToken.None), "B's job to end", seconds: 60);
        var status = await run.PollAsync(CancellationToken.None);
        return (status, await File.ReadAllTextAsync(run.OutputPath));
    }

    private async Task AssertAUnharmedAsync()
    {
        Assert.False((await _a.PollAsync(CancellationToken.None)).Ended, "A's job must still run");
        Assert.Equal("a-output\n", await File.ReadAllTextAsync(_a.OutputPath));
        Assert.Equal("a-private\n", await File.ReadAllTextAsync(Path.Combine(WorkingFolder(TenantA, _a), "secret.txt")));
    }

    [RootFact]
    public async Task ReadingAsWorkingFolderAndOutput_Fails()
    {
        var aFolder = WorkingFolder(TenantA, _a);

        var (status, output) = await RunBAsync(
            $"cat {aFolder}/secret.txt || echo no-file; ls {Path.GetDirectoryName(aFolder)} || echo no-list; cat {_a.OutputPath} || echo no-output; echo done");

        Assert.Equal(RunStatus.Exited(0), status);
        Assert.DoesNotContain("a-private", output, StringComparison.Ordinal);
        Assert.DoesNotContain("a-output", output, StringComparison.Ordinal);
        Assert.Contains("no-file\n", output, StringComparison.Ordinal);
        Assert.Contains("no-list\n", output, StringComparison.Ordinal);
        Assert.Contains("no-output\n", output, StringComparison.Ordinal);
        await AssertAUnharmedAsync();
    }

    [RootFact]
    public async Task ReadingTheDataFolderKeysDatabaseAndJournal_Fails()
    {
        var (status, output) = await RunBAsync(
            $"ls {Agent} || echo no-list; for f in client.json suanwang.db journal.jsonl; do cat {Agent}/$f || echo no-$f; done; echo done");

        Assert.Equal(RunStatus.Exited(0), status);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain("database\n", output.Replace("no-suanwang.db", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(["no-list\n", "no-client.json\n", "no-suanwang.db\n", "no-journal.jsonl\n", "done\n"], line => Assert.Contains(line, output, StringComparison.Ordinal));
    }

    [RootFact]
    public async Task TheEnvironment_HoldsNoKeyAndNothingOfTheAgent()
    {
        var (status, output) = await RunBAsync("env | cut -d= -f1 | sort; echo \"[$CUDA_VISIBLE_DEVICES] $(id -un) $HOME\"; env | grep -c " + Secret + " || true");

        Assert.Equal(RunStatus.Exited(0), status);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var allowed = new[] { "PATH", "HOME", "LANG", "USER", "LOGNAME", "PWD", "SUANWANG_JOB_ID", "SUANWANG_JOB_NAME", "SUANWANG_TENANT", "SUANWANG_CARDS", "SUANWANG_CHECKPOINT_DIR", "CUDA_VISIBLE_DEVICES", "ASCEND_RT_VISIBLE_DEVICES", "MLU_VISIBLE_DEVICES" };
        Assert.All(lines[..^2], name => Assert.Contains(name, allowed));
        Assert.StartsWith($"[] {TenantNames.User(TenantB)} {Jobs}/{TenantB}/", lines[^2], StringComparison.Ordinal);
        Assert.Equal("0", lines[^1]);
    }

    [RootFact]
    public async Task SignallingOrTracingTheAgentOrAnotherTenantsJob_Fails()
    {
        var agent = Environment.ProcessId;
        var (status, output) = await RunBAsync(
            $"kill -TERM {agent} || echo no-kill-agent; kill -KILL {_a.Pid} || echo no-kill-a; kill -KILL -{_a.Pid} || echo no-kill-a-group; " +
            $"cat /proc/{agent}/environ || echo no-environ; echo \"visible $(ls /proc | grep -c '^[0-9]')\"; echo done");

        Assert.Equal(RunStatus.Exited(0), status);
        Assert.All(["no-kill-agent\n", "no-kill-a\n", "no-kill-a-group\n", "no-environ\n"], line => Assert.Contains(line, output, StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        // In its own PID namespace the job sees only its own few processes.
        var visible = int.Parse(output.Split('\n').Single(l => l.StartsWith("visible ", StringComparison.Ordinal))["visible ".Length..], CultureInfo.InvariantCulture);
        Assert.InRange(visible, 1, 6);
        await AssertAUnharmedAsync();
    }

    [RootFact]
    public async Task WritingIntoAsLog_Fails()
    {
        var (status, output) = await RunBAsync($"echo injected >> {_a.OutputPath} || echo no-write; ln -s {_a.OutputPath} output.log || true; echo done");

        Assert.Equal(RunStatus.Exited(0), status);
        Assert.Contains("no-write\n", output, StringComparison.Ordinal);
        await AssertAUnharmedAsync();
    }

    [RootFact]
    public async Task AForkBomb_HitsTheProcessLimit_AndEndsWithTheJob()
    {
        var (status, output) = await RunBAsync("bomb() { bomb | bomb & }; bomb; sleep 3; echo after");
        var (_, fine) = await RunBAsync("echo still-fine");

        Assert.True(status.Ended);
        Assert.Equal("still-fine\n", fine);
        var user = await ExternalUserProcessesAsync(TenantNames.User(TenantB));
        Assert.Equal(0, user);
        await AssertAUnharmedAsync();
    }

    [RootFact]
    public async Task AllocatingMoreThanTheMemoryLimit_KillsTheJob()
    {
        var (status, _) = await RunBAsync("awk 'BEGIN { s = \"x\"; while (1) s = s s }'");

        Assert.Equal(RunStatus.Exited(137), status);
        await AssertAUnharmedAsync();
    }

    [RootFact]
    public async Task WritingPastTheFileSizeLimit_Fails()
    {
        var (status, output) = await RunBAsync("head -c 5000000 /dev/zero > big; echo \"code $?\"; wc -c < big");

        Assert.Equal(RunStatus.Exited(0), status);
        Assert.Contains("code 153", output, StringComparison.Ordinal);
        Assert.EndsWith($"{MaxFile}\n", output, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task FilesAJobWrites_AreItsTenantsAlone()
    {
        var run = await StartAsync(TenantB, "umask 000; echo mine > open.txt; ls -ld . open.txt | cut -d' ' -f1,3");
        await Eventually.EventAsync(run.WaitForExitAsync(CancellationToken.None), "B's job to end");
        var folder = WorkingFolder(TenantB, run);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute, File.GetUnixFileMode(Path.GetDirectoryName(folder)!));
        var (code, _) = await AsUserAsync(TenantNames.User(TenantA), $"cat {folder}/open.txt");
        Assert.NotEqual(0, code);
        Assert.Equal(
            $"drwx------ {TenantNames.User(TenantB)}\n-rw-rw-rw- {TenantNames.User(TenantB)}\n",
            await File.ReadAllTextAsync(run.OutputPath));
    }

    private static async Task<int> ExternalUserProcessesAsync(string user)
    {
        var (code, output) = await AsUserAsync("root", $"pgrep -c -u {user} || true");
        Assert.Equal(0, code);
        return int.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task<(int Code, string Output)> AsUserAsync(string user, string command)
    {
        var result = await ExternalCommand.RunAsync("runuser", ["-u", user, "--", "/bin/sh", "-c", command], TimeSpan.FromSeconds(30), CancellationToken.None);
        return (result.ExitCode, result.Stdout);
    }
}
