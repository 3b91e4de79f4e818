using System.Diagnostics;

namespace Suanwang.EndToEnd.Tests.Support;

/// <summary>One <c>suanwang</c> client command as a child process (the CLI's build output, run with <c>dotnet</c>).</summary>
internal static class CliProcess
{
    /// <summary>
    /// Runs <paramref name="arguments"/> in <paramref name="workingDirectory"/> with <c>SUANWANG_DATA</c> set to
    /// <paramref name="data"/>, standard input closed; its exit code and everything it wrote.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string data, TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(RepoPaths.CliDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["SUANWANG_DATA"] = data;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"suanwang {string.Join(' ', arguments)} did not end within {timeout.TotalSeconds} s:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
