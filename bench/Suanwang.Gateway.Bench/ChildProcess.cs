using System.Collections.Concurrent;
using System.Diagnostics;

namespace Suanwang.Gateway.Bench;

/// <summary>
/// A process the bench started (the fake upstream, a gateway): its output lines are kept (the
/// last 40) and watched for a line, and it is stopped, with its children, when disposed.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly List<(string Prefix, TaskCompletionSource<string> Found)> _watches = [];
    private readonly Lock _lock = new();

    private readonly bool _exitsOnInputEnd;

    private ChildProcess(Process process, bool exitsOnInputEnd)
    {
        _process = process;
        _exitsOnInputEnd = exitsOnInputEnd;
    }

    /// <summary>The process id, for its CPU time.</summary>
    public int Id => _process.Id;

    /// <summary>Whether it has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="start"/> with standard input, output and error redirected; one that
    /// <paramref name="exitsOnInputEnd"/> is asked to stop by closing its input, any other is killed.
    /// </summary>
    public static ChildProcess Start(ProcessStartInfo start, bool exitsOnInputEnd)
    {
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, exitsOnInputEnd);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The rest of the first output line that starts with <paramref name="prefix"/>; null on time-out or exit.</summary>
    public async Task<string?> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            foreach (var line in _tail)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line[prefix.Length..];
                }
            }

            _watches.Add((prefix, found));
        }

        var done = await Task.WhenAny(found.Task, _process.WaitForExitAsync(), Task.Delay(timeout));
        return done == found.Task ? found.Task.Result : null;
    }

    /// <summary>Its exit code once it exits; null if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Its last output lines, for a message when it fails.</summary>
    public string Tail() => string.Join(Environment.NewLine, _tail);

    /// <summary>CPU time (user + system) the process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited && !_exitsOnInputEnd)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        else if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            catch (IOException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _tail.Enqueue(line);
            while (_tail.Count > 40)
            {
                _tail.TryDequeue(out _);
            }

            for (var i = _watches.Count - 1; i >= 0; i--)
            {
                if (line.StartsWith(_watches[i].Prefix, StringComparison.Ordinal))
                {
                    _watches[i].Found.TrySetResult(line[_watches[i].Prefix.Length..]);
                    _watches.RemoveAt(i);
                }
            }
        }
    }
}
