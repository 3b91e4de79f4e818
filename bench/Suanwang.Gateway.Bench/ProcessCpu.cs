using System.Diagnostics;

namespace Suanwang.Gateway.Bench;

/// <summary>CPU time (user + system, all threads) of a process, as the kernel counts it.</summary>
internal static class ProcessCpu
{
    /// <summary>A reader of the CPU time of process <paramref name="pid"/> (zero once it has gone).</summary>
    public static Func<TimeSpan> Of(int pid) => () =>
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    };

    /// <summary>This process's CPU time: the load generator's.</summary>
    public static TimeSpan Self()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
