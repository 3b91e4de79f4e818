using System.Collections.Concurrent;
using System.Diagnostics;

namespace Suanwang.EndToEnd.Tests.Support;

/// <summary>
/// <c>suanwang up</c> as a child process (the CLI's build output, run with <c>dotnet</c>), standard
/// input closed, up once it printed its URL and admin key.
/// </summary>
internal sealed class UpProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private UpProcess(Process process, ConcurrentQueue<string> output, Uri url, string key)
    {
        _process = process;
        _output = output;
        Url = url;
        Key = key;
    }

    public Uri Url { get; }

    public string Key { get; }

    /// <summary>The server process's id.</summary>
    public int Pid => _process.Id;

    /// <summary>Everything the process wrote so far, standard output and error interleaved.</summary>
    public string Output => string.Join("\n", _output);

    /// <summary>
    /// Starts <c>up --port 0 --data <paramref name="data"/></c>. <paramref name="slots"/> is the core count the
    /// process sees (<c>DOTNET_PROCESSOR_COUNT</c>), so the embedded site offers that many CPU-core slots.
    /// </summary>
    public static Task<UpProcess> StartAsync(string data, int slots, params string[] extra) =>
        StartAsync(data, slots, new Dictionary<string, string>(), extra);

    /// <summary>As <see cref="StartAsync(string, int, string[])"/>, with <paramref name="environment"/> set for the process.</summary>
    public static async Task<UpProcess> StartAsync(string data, int slots, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        Assert.True(File.Exists(RepoPaths.CliDll), $"{RepoPaths.CliDll} is missing: build the test project, which builds the CLI");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { RepoPaths.CliDll, "up", "--port", "0", "--data", data }.Concat(extra))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_PROCESSOR_COUNT"] = slots.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var output = new ConcurrentQueue<string>();
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                url.TrySetException(new InvalidOperationException("suanwang up closed its standard output"));
                key.TrySetException(new InvalidOperationException("suanwang up closed its standard output"));
                return;
            }

            output.Enqueue(line);
            if (line.StartsWith("Suanwang is up at ", StringComparison.Ordinal))
            {
                url.TrySetResult(line["Suanwang is up at ".Length..].Trim());
            }
            else if (line.StartsWith("Admin API key: ", StringComparison.Ordinal))
            {
                key.TrySetResult(line["Admin API key: ".Length..].Trim());
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
            }
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var both = Task.WhenAll(url.Task, key.Task);
            if (await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(120))) != both)
            {
                throw new TimeoutException("suanwang up did not say it is up within 120 s");
            }

            return new UpProcess(process, output, new Uri(await url.Task), await key.Task);
        }
        catch (Exception e)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            throw new InvalidOperationException($"suanwang up did not start: {e.Message}\n{string.Join("\n", output)}", e);
        }
    }

    /// <summary>Runs <c>up</c> with <paramref name="arguments"/> expecting it to end by itself (a refused start); its exit code and output.</summary>
    public static async Task<(int ExitCode, string[] Lines)> RunToExitAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { RepoPaths.CliDll, "up" }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"suanwang up did not end within 60 s: {await stdout}{await stderr}");
        }

        var lines = (await stdout + await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, lines);
    }

    /// <summary>SIGKILL to the server process, embedded agent included; the jobs it started go on as orphans.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Ctrl-C stops it, and waits for the process to end by itself.</summary>
    public async Task StopAsync()
    {
        using (var signal = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
