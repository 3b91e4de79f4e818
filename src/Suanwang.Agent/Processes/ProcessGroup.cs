using System.Globalization;
using System.Runtime.InteropServices;

namespace Suanwang.Agent.Processes;

/// <summary>Signals and inspects Linux process groups through kill(2) and /proc.</summary>
internal static partial class ProcessGroup
{
    /// <summary>SIGKILL on Linux.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM on Linux.</summary>
    public const int SigTerm = 15;

    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>
    /// Sends <paramref name="signal"/> to every process in the group led by <paramref name="pgid"/>.
    /// With <paramref name="orLeader"/>, falls back to the leader alone when the group does not exist
    /// yet (the child has not called setsid), so a stop right after a start still lands. False when
    /// nothing was signalled.
    /// </summary>
    public static bool Signal(int pgid, int signal, bool orLeader)
    {
        if (Kill(-pgid, signal) == 0)
        {
            return true;
        }

        return orLeader && Marshal.GetLastPInvokeError() == NoSuchProcess && Kill(pgid, signal) == 0;
    }

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/> alone; false when it is gone or not ours to signal.</summary>
    public static bool SignalOne(int pid, int signal) => pid > 0 && Kill(pid, signal) == 0;

    /// <summary>Pids in group <paramref name="pgid"/> that are alive (not zombies).</summary>
    public static IReadOnlyList<int> LiveMembers(int pgid)
    {
        var members = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && TryReadStat(pid, out var stat) && stat.ProcessGroup == pgid && stat.IsLive)
            {
                members.Add(pid);
            }
        }

        return members;
    }

    /// <summary>True when process <paramref name="pid"/> is alive and, if <paramref name="startTicks"/> is given, is the same process that started then (not a reused pid).</summary>
    public static bool IsAlive(int pid, long? startTicks = null) =>
        TryReadStat(pid, out var stat) && stat.IsLive && (startTicks is null || stat.StartTicks == startTicks);

    /// <summary>Reads /proc/<paramref name="pid"/>/stat; false when the process is gone.</summary>
    public static bool TryReadStat(int pid, out ProcStat stat)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            stat = default;
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            stat = default;
            return false;
        }

        return ProcStat.TryParse(text, out stat);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
