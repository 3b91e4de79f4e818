using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Suanwang.Agent.Processes;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Backends;

/// <summary>
/// Runs jobs as child processes of this machine. Each job leads its own process group (through
/// setsid), so a stop or a time-out kills everything the job spawned; stdout and stderr go to a
/// file in the job's folder; the job keeps running if the agent stops, and a restarted agent
/// finds it again.
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

    private readonly TimeProvider _time;
    private readonly TimeSpan _killGrace;

    /// <summary>Creates the backend; a stopped job gets SIGTERM, then SIGKILL after <paramref name="killGrace"/> (10 s when null).</summary>
    public LocalBackend(TimeProvider time, TimeSpan? killGrace = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _killGrace = killGrace ?? TimeSpan.FromSeconds(10);
    }

    /// <inheritdoc />
    public string Name => "local";

    /// <inheritdoc />
    public Task<IBackendRun> StartAsync(Assignment assignment, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);

        // Refused before anything is spawned, so a bad limit leaves no process behind.
        var limit = TimeLimits.Of(assignment);
        Directory.CreateDirectory(folder);
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = folder };
        foreach (var argument in (string[])["/bin/sh", "-c", Wrapper, "suanwang-job", assignment.Run, Path.GetFullPath(folder)])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in DeviceVariables)
        {
            info.Environment[name] = assignment.Devices;
        }

        info.Environment["SUANWANG_JOB_ID"] = assignment.Job.ToString(CultureInfo.InvariantCulture);
        info.Environment["SUANWANG_JOB_NAME"] = assignment.Name;

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
        IBackendRun run = new LocalRun(process, process.Id, startTicks, folder, _time.GetUtcNow(), limit, _time, _killGrace);
        return Task.FromResult(run);
    }

    /// <inheritdoc />
    public async Task<IBackendRun?> ReattachAsync(Assignment assignment, string folder, string? handle, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        int pid;
        long startTicks;
        if (handle is not null && TryParseHandle(handle, out pid, out startTicks))
        {
            return new LocalRun(null, pid, startTicks, folder, startedAt, TimeLimits.Of(assignment), _time, _killGrace);
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
                return new LocalRun(null, pid, startTicks, folder, startedAt, TimeLimits.Of(assignment), _time, _killGrace);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }

        return new LocalRun(null, 0, -1, folder, startedAt, TimeLimits.Of(assignment), _time, _killGrace);
    }

    private static bool TryParseHandle(string handle, out int pid, out long startTicks)
    {
        startTicks = 0;
        var colon = handle.IndexOf(':', StringComparison.Ordinal);
        return int.TryParse(colon < 0 ? handle : handle[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out pid)
            && (colon < 0 || long.TryParse(handle[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out startTicks));
    }
}
