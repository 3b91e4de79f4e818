using System.Diagnostics;
using System.Globalization;
using Suanwang.Agent.Processes;
using Suanwang.Agent.Sandbox;

namespace Suanwang.Agent.Backends;

/// <summary>
/// A job of the <see cref="LocalBackend"/>: a process group led by the wrapper shell. Either a child of
/// this agent (<c>process</c> set) or adopted after an agent restart (known by pid and start time).
/// </summary>
internal sealed class LocalRun : IBackendRun
{
    private readonly Process? _process;
    private readonly long _startTicks;
    private readonly string _folder;
    private readonly TimeSpan? _limit;
    private readonly TimeProvider _time;
    private readonly TimeSpan _killGrace;
    private readonly JobSandbox? _sandbox;
    private string? _stopReason;
    private DateTimeOffset _termSentAt;
    private bool _killSent;
    private RunStatus? _ended;

    public LocalRun(Process? process, int pid, long startTicks, string folder, DateTimeOffset startedAt, TimeSpan? limit, TimeProvider time, TimeSpan killGrace, JobSandbox? sandbox = null)
    {
        _sandbox = sandbox;
        _process = process;
        Pid = pid;
        _startTicks = startTicks;
        _folder = folder;
        StartedAt = startedAt;
        _limit = limit;
        _time = time;
        _killGrace = killGrace;
    }

    /// <summary>The wrapper's pid, which is also the job's process group id; 0 when unknown.</summary>
    public int Pid { get; }

    public string Handle => string.Create(CultureInfo.InvariantCulture, $"{Pid}:{_startTicks}");

    public string OutputPath => Path.Combine(_folder, LocalBackend.OutputFile);

    public DateTimeOffset StartedAt { get; }

    /// <summary>The removal of the job's control groups, once it has ended in a sandbox.</summary>
    public Task Released { get; private set; } = Task.CompletedTask;

    public Task<RunStatus> PollAsync(CancellationToken cancellationToken) => Task.FromResult(Poll());

    public Task StopAsync(string reason, CancellationToken cancellationToken)
    {
        if (_ended is null && _stopReason is null)
        {
            _stopReason = reason;
            _termSentAt = _time.GetUtcNow();
            Signal(ProcessGroup.SigTerm);
            if (_killGrace <= TimeSpan.Zero)
            {
                Signal(ProcessGroup.SigKill);
                _killSent = true;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits until the group's leader has exited; for tests and shutdown, by the system clock.</summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        while (LeaderAlive())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    private RunStatus Poll()
    {
        if (_ended is not null)
        {
            return _ended;
        }

        if (!LeaderAlive())
        {
            // The job is its main command: whatever it left running in the background goes with it.
            if (Pid > 0 && ProcessGroup.LiveMembers(Pid).Count > 0)
            {
                ProcessGroup.Signal(Pid, ProcessGroup.SigKill, orLeader: false);
            }

            _ended = _stopReason is not null ? RunStatus.Killed(_stopReason) : ExitStatus();
            _process?.Dispose();
            if (_sandbox is not null)
            {
                // Whatever left the process group dies with the job's control groups.
                Released = _sandbox.ReleaseAsync(_folder);
            }

            return _ended;
        }

        var now = _time.GetUtcNow();
        if (_stopReason is not null)
        {
            if (!_killSent && now - _termSentAt >= _killGrace)
            {
                Signal(ProcessGroup.SigKill);
                _killSent = true;
            }
        }
        else if (_limit is { } limit && now - StartedAt >= limit)
        {
            _stopReason = string.Create(CultureInfo.InvariantCulture, $"time limit of {limit.TotalSeconds:0.###} s reached");
            _termSentAt = now;
            Signal(ProcessGroup.SigTerm);
        }

        return RunStatus.Running;
    }

    private RunStatus ExitStatus()
    {
        if (_process is not null)
        {
            return RunStatus.Exited(_process.ExitCode);
        }

        // Adopted: the wrapper left the exit code behind, unless it was killed.
        var file = Path.Combine(_folder, "exit_code");
        if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
        {
            return RunStatus.Exited(code);
        }

        return RunStatus.Killed("ended while the agent was not watching; it left no exit code (killed by a signal or lost)");
    }

    private bool LeaderAlive()
    {
        if (_process is not null)
        {
            return !_process.HasExited;
        }

        // A negative start time means the process was already gone when the run was adopted.
        return Pid > 0 && _startTicks >= 0 && ProcessGroup.IsAlive(Pid, _startTicks > 0 ? _startTicks : null);
    }

    private void Signal(int signal)
    {
        // Only while the leader lives: after it is gone (and reaped) its pid may belong to someone else.
        if (LeaderAlive())
        {
            ProcessGroup.Signal(Pid, signal, orLeader: true);
        }
    }
}
