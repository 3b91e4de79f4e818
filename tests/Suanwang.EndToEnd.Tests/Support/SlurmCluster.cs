using System.Diagnostics;

namespace Suanwang.EndToEnd.Tests.Support;

/// <summary>
/// The one-node Slurm cluster of scripts/slurm.sh, started by the script when sinfo shows no node
/// taking jobs. When that fails the tests fail with the script's output: they never skip.
/// </summary>
public sealed class SlurmCluster : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (await NodeTakesJobsAsync())
        {
            return;
        }

        var script = Path.Combine(RepoPaths.Root, "scripts", "slurm.sh");
        var result = await RunAsync("bash", script);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {result.ExitCode}; Slurm is not up:\n{result.Stdout}\n{result.Stderr}");
        }

        if (!await NodeTakesJobsAsync())
        {
            throw new InvalidOperationException($"{script} succeeded but sinfo shows no node taking jobs:\n{result.Stdout}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<bool> NodeTakesJobsAsync()
    {
        (int ExitCode, string Stdout, string Stderr) sinfo;
        try
        {
            sinfo = await RunAsync("sinfo", "-h", "-N", "-o", "%T");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // Slurm is not installed yet.
        }

        return sinfo.ExitCode == 0 && sinfo.Stdout.Split('\n', StringSplitOptions.TrimEntries).Any(s => s is "idle" or "mixed" or "allocated");
    }

    /// <summary>Runs a command to its end and returns its exit code and output.</summary>
    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
