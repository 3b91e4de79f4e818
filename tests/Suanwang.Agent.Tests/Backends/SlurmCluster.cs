using Suanwang.Agent.Processes;

namespace Suanwang.Agent.Tests.Backends;

/// <summary>
/// The one-node Slurm cluster of scripts/slurm.sh. Started by the script when its node is not up;
/// when that fails the tests fail with the script's output: a Slurm test never skips.
/// </summary>
public sealed class SlurmCluster : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (await NodeTakesJobsAsync())
        {
            return;
        }

        var script = Path.Combine(RepositoryRoot(), "scripts", "slurm.sh");
        var result = await ExternalCommand.RunAsync("bash", [script], TimeSpan.FromMinutes(10), CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{script} exited with {result.ExitCode}; Slurm is not up:\n{result.Stdout}\n{result.Stderr}");
        }

        if (!await NodeTakesJobsAsync())
        {
            throw new InvalidOperationException($"{script} succeeded but sinfo shows no node taking jobs:\n{result.Stdout}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs a Slurm command for a test's own look at the cluster.</summary>
    internal static Task<CommandResult> RunAsync(string command, params string[] arguments) =>
        ExternalCommand.RunAsync(command, arguments, TimeSpan.FromSeconds(30), CancellationToken.None);

    private static async Task<bool> NodeTakesJobsAsync()
    {
        var sinfo = await RunAsync("sinfo", "-h", "-N", "-o", "%T");
        return sinfo.Succeeded && sinfo.Stdout.Split('\n', StringSplitOptions.TrimEntries).Any(s => s is "idle" or "mixed" or "allocated");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Suanwang.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Suanwang.slnx above {AppContext.BaseDirectory}");
    }
}
