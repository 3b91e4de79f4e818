using System.Diagnostics;
using System.Reflection;

namespace Suanwang.Bench.Replay;

/// <summary>
/// Runs one measurement in a fresh copy of this program, so its peak working set belongs to
/// that run alone and no JIT, cache or heap state carries over from the previous one.
/// </summary>
public static class ChildProcess
{
    public const string Flag = "--child";

    public static ReplayFigures Run(IReadOnlyList<string> arguments)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell where this program runs from");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Under `dotnet Suanwang.Bench.dll` the process is the host: hand it the assembly again.
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        start.ArgumentList.Add(Flag);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {self}");
        var errors = process.StandardError.ReadToEndAsync();
        ReplayFigures? figures = null;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            figures ??= ReplayFigures.TryParse(line);
        }

        process.WaitForExit();
        return process.ExitCode == 0 && figures is not null
            ? figures
            : throw new InvalidOperationException($"the child run ({string.Join(' ', arguments)}) exited with {process.ExitCode}: {errors.Result.Trim()}");
    }
}
