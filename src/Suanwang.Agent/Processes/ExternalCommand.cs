using System.ComponentModel;
using System.Diagnostics;

namespace Suanwang.Agent.Processes;

/// <summary>Runs a short external command (sbatch, scontrol, nvidia-smi) and collects its output.</summary>
internal static class ExternalCommand
{
    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="arguments"/>; never throws for a missing program or a time-out, which come back as exit codes 127 and -1.
    /// With <paramref name="onlyEnvironment"/>, the command gets <paramref name="environment"/> alone, none of the agent's own variables.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string file,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        bool onlyEnvironment = false)
    {
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (onlyEnvironment)
        {
            info.Environment.Clear();
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                info.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return new CommandResult(127, "", $"{file}: {ex.Message}");
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return new CommandResult(-1, "", $"{file} did not finish within {timeout.TotalSeconds:0.#} s");
        }

        return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
