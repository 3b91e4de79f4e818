using System.Globalization;

namespace Suanwang.Agent.Backends;

/// <summary>A job of the <see cref="SlurmBackend"/>, known by its Slurm job id.</summary>
internal sealed class SlurmRun : IBackendRun
{
    private readonly SlurmBackend _backend;
    private readonly string _folder;
    private readonly TimeSpan? _limit;
    private readonly TimeSpan? _grace;
    private readonly TimeProvider? _time;
    private string? _stopReason;
    private DateTimeOffset _termSentAt;
    private bool _termed;
    private bool _cancelled;
    private RunStatus? _ended;

    /// <summary>A run; with <paramref name="grace"/> (a job that checkpoints), a stop sends SIGTERM to all its processes first and cancels it after the grace period.</summary>
    public SlurmRun(SlurmBackend backend, string jobId, string folder, DateTimeOffset startedAt, TimeSpan? limit, TimeSpan? grace = null, TimeProvider? time = null)
    {
        _grace = grace;
        _time = time;
        _backend = backend;
        Handle = jobId;
        _folder = folder;
        StartedAt = startedAt;
        _limit = limit;
    }

    /// <summary>The Slurm job id.</summary>
    public string Handle { get; }

    public string OutputPath => Path.Combine(_folder, LocalBackend.OutputFile);

    public DateTimeOffset StartedAt { get; }

    public async Task<RunStatus> PollAsync(CancellationToken cancellationToken)
    {
        if (_ended is not null)
        {
            return _ended;
        }

        if (_stopReason is not null && !_cancelled && (!Graceful || (_termed && _time!.GetUtcNow() - _termSentAt >= _grace!.Value)))
        {
            await CancelAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (_stopReason is not null && Graceful && !_termed)
        {
            await TermAsync(cancellationToken).ConfigureAwait(false);
        }

        var shown = await _backend.RunAsync("scontrol", ["show", "job", "-o", Handle], cancellationToken).ConfigureAwait(false);
        SlurmJobInfo? info;
        if (shown.Succeeded)
        {
            info = SlurmJobInfo.ParseScontrol(shown.Stdout);
        }
        else if (shown.Message.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
        {
            // slurmctld has purged the job (MinJobAge): ask accounting, then the file the batch script left.
            var accounted = await _backend.RunAsync("sacct", ["-n", "-P", "-X", "-j", Handle, "-o", "State,ExitCode"], cancellationToken).ConfigureAwait(false);
            info = accounted.Succeeded ? SlurmJobInfo.ParseSacct(accounted.Stdout) : null;
            if (info is null)
            {
                return _ended = Forgotten();
            }
        }
        else
        {
            // slurmctld is restarting or busy: the job is where it was.
            return RunStatus.Running;
        }

        if (info is null)
        {
            return RunStatus.Running;
        }

        if (!info.IsFinal)
        {
            if (_stopReason is null && _limit is { } limit && info.RunSeconds is { } ran && ran >= limit.TotalSeconds)
            {
                await StopAsync(string.Create(CultureInfo.InvariantCulture, $"time limit of {limit.TotalSeconds:0.###} s reached"), cancellationToken).ConfigureAwait(false);
            }

            return RunStatus.Running;
        }

        return _ended = Ended(info);
    }

    public async Task StopAsync(string reason, CancellationToken cancellationToken)
    {
        if (_ended is not null || _stopReason is not null)
        {
            return;
        }

        _stopReason = reason;
        if (Graceful)
        {
            await TermAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await CancelAsync(cancellationToken).ConfigureAwait(false);
    }

    private bool Graceful => _grace is not null && _time is not null;

    // SIGTERM to the batch shell and every step, so the job can write its checkpoint; the batch
    // script traps it and waits for the job's command.
    private async Task TermAsync(CancellationToken cancellationToken)
    {
        var result = await _backend.RunAsync("scancel", ["--signal=TERM", "--full", Handle], cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            _termed = true;
            _termSentAt = _time!.GetUtcNow();
        }
    }

    private async Task CancelAsync(CancellationToken cancellationToken)
    {
        var result = await _backend.RunAsync("scancel", [Handle], cancellationToken).ConfigureAwait(false);
        // A failed scancel (slurmctld away) is tried again at the next poll.
        _cancelled = result.Succeeded;
    }

    private RunStatus Ended(SlurmJobInfo info)
    {
        if (_stopReason is not null && info.State is "CANCELLED" or "TIMEOUT")
        {
            return RunStatus.Killed(_stopReason, info.RunSeconds);
        }

        return info.State switch
        {
            "COMPLETED" or "FAILED" when info.Signal == 0 => RunStatus.Exited(info.ExitCode, info.RunSeconds),
            "COMPLETED" or "FAILED" => RunStatus.Killed(string.Create(CultureInfo.InvariantCulture, $"killed by signal {info.Signal}"), info.RunSeconds),
            "CANCELLED" => RunStatus.Killed("cancelled in Slurm" + (info.Reason is null ? "" : $" ({info.Reason})"), info.RunSeconds),
            "TIMEOUT" => RunStatus.Killed("Slurm's time limit reached", info.RunSeconds),
            _ => RunStatus.Killed($"Slurm ended the job: {info.State}" + (info.Reason is null ? "" : $" ({info.Reason})"), info.RunSeconds),
        };
    }

    private RunStatus Forgotten()
    {
        var file = Path.Combine(_folder, "exit_code");
        if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
        {
            return _stopReason is null ? RunStatus.Exited(code) : RunStatus.Killed(_stopReason);
        }

        return RunStatus.Killed(_stopReason ?? $"Slurm no longer knows job {Handle} and it left no exit code");
    }
}
