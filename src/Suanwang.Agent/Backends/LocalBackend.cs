using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Suanwang.Agent.Processes;
using Suanwang.Agent.Sandbox;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Backends;

/// <summary>
/// Runs jobs as child processes of this machine. Each job leads its own process group (through
/// setsid), so a stop or a time-out kills everything the job spawned; stdout and stderr go to a
/// file in the job's folder; the job keeps running if the agent stops, and a restarted agent
/// finds it again. With a <see cref="JobSandbox"/>, the job runs as its tenant's user in a private
/// working folder, its namespaces and its limits, and the job's folder given here is the agent's
/// own: output, pid and exit code, out of the job's reach.
/// </summary>
public sealed class LocalBackend : IBackend
{
    /// <summary>The environment variables set to the assigned device indices, one per accelerator vendor's runtime.</summary>
    public static IReadOnlyList<string> DeviceVariables { get; } = ["CUDA_VISIBLE_DEVICES", "ASCEND_RT_VISIBLE_DEVICES", "MLU_VISIBLE_DEVICES"];

    /// <summary>The file in a job's folder that holds its output.</summary>
    public const string OutputFile = "output.log";

    // The wrapper claims the job folder by creating "pid" exclusively (set -C), so an agent that
    // restarts between spawning it and journaling the pid can tell "started" from "never started"
    // by racing for the same file. It outlives a SIGTERM to the group (a caught signal, unlike an
    // ignored one, is reset to default in the job), so the job gets its whole grace period before
    // the agent, seeing the leader gone, would kill what is left. It records the exit code, which a
    // restarted agent cannot learn from waitpid because the job is no longer its child.
    private const string Wrapper =
        """
        cd "$2" || exit 125
        { set -C; echo $$ >pid; } 2>/dev/null || exit 125
        set +C
        exec >>output.log 2>&1 </dev/null
        trap : TERM
        /bin/sh -c "$1"
        code=$?
        echo $code >exit_code.tmp && mv -f exit_code.tmp exit_code
        exit $code
        """;

    // The same in a sandbox: the wrapper (still the agent's user) joins the job's control groups, and
    // the rest of its arguments run the job's shell in namespaces, under limits, as the tenant's user.
    // The output file and the exit code stay in the agent's folder, where the job cannot reach them.
    private const string SandboxWrapper =
        """
        run=$1 groups=$3
        cd "$2" || exit 125
        shift 3
        { set -C; echo $$ >pid; } 2>/dev/null || exit 125
        set +C
        exec >>output.log 2>&1 </dev/null
        for procs in $groups; do
          echo $$ >"$procs" || { echo "suanwang: cannot join control group $procs" >&2; exit 125; }
        done
        trap : TERM
        "$@" /bin/sh -c "$run"
        code=$?
        echo $code >exit_code.tmp && mv -f exit_code.tmp exit_code
        exit $code
        """;

    private const string SearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private readonly TimeProvider _time;
    private readonly TimeSpan _killGrace;
    private readonly JobSandbox? _sandbox;
    private readonly bool _cpuSlots;

    /// <summary>
    /// Creates the backend; a stopped job gets SIGTERM, then SIGKILL after <paramref name="killGrace"/> (10 s when null).
    /// With <paramref name="sandbox"/>, each job runs in it; with <paramref name="cpuSlots"/>, the site's
    /// cards are CPU slots and jobs see no accelerator.
    /// </summary>
    public LocalBackend(TimeProvider time, TimeSpan? killGrace = null, JobSandbox? sandbox = null, bool cpuSlots = false)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _killGrace = killGrace ?? TimeSpan.FromSeconds(10);
        _sandbox = sandbox;
        _cpuSlots = cpuSlots;
    }

    /// <inheritdoc />
    public string Name => "local";

    /// <inheritdoc />
    public async Task<IBackendRun> StartAsync(Assignment assignment, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);

        // Refused before anything is spawned, so a bad limit leaves no process behind.
        var limit = TimeLimits.Of(assignment);
        folder = Path.GetFullPath(folder);
        CreatePrivateFolder(folder);
        var launch = _sandbox is null ? null : await _sandbox.PrepareAsync(assignment, folder, cancellationToken).ConfigureAwait(false);
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = folder };
        IEnumerable<string> arguments = launch is null
            ? ["/bin/sh", "-c", Wrapper, "suanwang-job", assignment.Run, folder]
            : ["/bin/sh", "-c", SandboxWrapper, "suanwang-job", assignment.Run, folder, string.Join(' ', launch.ProcsFiles), .. launch.Prefix];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var checkpoint = launch is null ? CheckpointFolder(assignment, folder) : launch.CheckpointFolder;
        SetEnvironment(info.Environment, assignment, launch?.WorkingFolder ?? folder, launch?.User?.Name, checkpoint);

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new BackendException("setsid did not start");
        }
        catch (Win32Exception ex)
        {
            throw new BackendException($"could not start /bin/sh through setsid: {ex.Message}", ex);
        }

        // The child is fresh from fork, so its stat is there; the start time pins the pid against reuse.
        var startTicks = ProcessGroup.TryReadStat(process.Id, out var stat) ? stat.StartTicks : 0;
        return new LocalRun(process, process.Id, startTicks, folder, _time.GetUtcNow(), limit, _time, GraceOf(assignment), _sandbox);
    }

    /// <summary>
    /// The folder a job that checkpoints keeps across its runs on this site: beside its run
    /// folders (<c>JOB-FENCE</c>), named <c>JOB-checkpoint</c>; null for a job that does not checkpoint.
    /// </summary>
    public static string? CheckpointFolder(Assignment assignment, string runFolder)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (assignment.GraceSeconds is null)
        {
            return null;
        }

        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runFolder))!, string.Create(CultureInfo.InvariantCulture, $"{assignment.Job}-checkpoint"));
        CreatePrivateFolder(folder);
        return folder;
    }

    // A job that checkpoints gets its own grace period between SIGTERM and SIGKILL; others the backend's.
    private TimeSpan GraceOf(Assignment assignment) =>
        assignment.GraceSeconds is double grace && double.IsFinite(grace) && grace > 0 ? TimeSpan.FromSeconds(Math.Min(grace, 600)) : _killGrace;

    private static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    // Nothing of the agent's own environment reaches a job: no key, no connection string, no agent setting.
    private void SetEnvironment(IDictionary<string, string?> environment, Assignment assignment, string home, string? user, string? checkpoint)
    {
        var lang = Environment.GetEnvironmentVariable("LANG");
        environment.Clear();
        environment["PATH"] = SearchPath;
        environment["HOME"] = home;
        environment["LANG"] = string.IsNullOrEmpty(lang) ? "C.UTF-8" : lang;
        if (user is not null)
        {
            environment["USER"] = user;
            environment["LOGNAME"] = user;
        }

        // CPU slots are not devices: a job on them must see no GPU at all.
        foreach (var name in DeviceVariables)
        {
            environment[name] = _cpuSlots ? "" : assignment.Devices;
        }

        environment["SUANWANG_JOB_ID"] = assignment.Job.ToString(CultureInfo.InvariantCulture);
        environment["SUANWANG_JOB_NAME"] = assignment.Name;
        environment["SUANWANG_CARDS"] = assignment.CardsPerNode.ToString(CultureInfo.InvariantCulture);
        if (checkpoint is not null)
        {
            environment["SUANWANG_CHECKPOINT_DIR"] = checkpoint;
        }
        if (assignment.Tenant is not null)
        {
            environment["SUANWANG_TENANT"] = assignment.Tenant;
        }
    }

    /// <inheritdoc />
    public async Task<IBackendRun?> ReattachAsync(Assignment assignment, string folder, string? handle, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        int pid;
        long startTicks;
        if (handle is not null && TryParseHandle(handle, out pid, out startTicks))
        {
            return new LocalRun(null, pid, startTicks, folder, startedAt, TimeLimits.Of(assignment), _time, GraceOf(assignment), _sandbox);
        }

        var pidFile = Path.Combine(folder, "pid");
        Directory.CreateDirectory(folder);
        try
        {
            // Claim the folder first: if this wins, a wrapper still on its way exits without running.
            await using (new FileStream(pidFile, FileMode.CreateNew, FileAccess.Write).ConfigureAwait(false))
            {
            }

            return null;
        }
        catch (IOException) when (File.Exists(pidFile))
        {
            // The wrapper won: it runs or ran. Its pid lands in the file a moment after the file appears.
        }

        for (var attempt = 0; attempt < 100; attempt++)
        {
            var text = (await File.ReadAllTextAsync(pidFile, cancellationToken).ConfigureAwait(false)).Trim();
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pid))
            {
                startTicks = ProcessGroup.TryReadStat(pid, out var stat) ? stat.StartTicks : -1;
                return new LocalRun(null, pid, startTicks, folder, startedAt, TimeLimits.Of(assignment), _time, GraceOf(assignment), _sandbox);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }

        return new LocalRun(null, 0, -1, folder, startedAt, TimeLimits.Of(assignment), _time, GraceOf(assignment), _sandbox);
    }

    private static bool TryParseHandle(string handle, out int pid, out long startTicks)
    {
        startTicks = 0;
        var colon = handle.IndexOf(':', StringComparison.Ordinal);
        return int.TryParse(colon < 0 ? handle : handle[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out pid)
            && (colon < 0 || long.TryParse(handle[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out startTicks));
    }
}
