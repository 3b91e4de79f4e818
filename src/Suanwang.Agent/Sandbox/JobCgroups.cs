using System.Globalization;
using Suanwang.Agent.Processes;

namespace Suanwang.Agent.Sandbox;

/// <summary>
/// A job's control groups, nested under the agent's own (so the machine's limits on the agent still
/// hold its jobs): memory, processes and CPU weight, through cgroup v1 controllers or the v2 unified
/// hierarchy, whichever this machine lets the agent write. A limit whose controller is not writable
/// is left to the caller (it falls back to setrlimit).
/// </summary>
internal sealed class JobCgroups
{
    private const string Root = "/sys/fs/cgroup";

    private readonly List<string> _folders = [];

    private JobCgroups(string name)
    {
        Name = name;
    }

    /// <summary>The job's group name, the same under every controller.</summary>
    public string Name { get; }

    /// <summary>The <c>cgroup.procs</c> files the job's first process writes its pid to, so all it starts is inside.</summary>
    public IReadOnlyList<string> ProcsFiles => [.. _folders.Select(f => Path.Combine(f, "cgroup.procs"))];

    /// <summary>True when the memory limit is enforced by a control group.</summary>
    public bool Memory { get; private set; }

    /// <summary>True when the process limit is enforced by a control group.</summary>
    public bool Processes { get; private set; }

    /// <summary>True when the CPU weight is set by a control group.</summary>
    public bool Cpu { get; private set; }

    /// <summary>Creates the groups named <paramref name="name"/> with the limits given; each controller that cannot be written is skipped.</summary>
    public static JobCgroups Create(string name, long memoryBytes, int processes, int cpuShares)
    {
        var groups = new JobCgroups(name);
        if (UnifiedOnly())
        {
            var folder = groups.Make(Path.Combine(Root, OwnPath("")), name);
            if (folder is not null)
            {
                groups.Memory = Write(folder, "memory.max", memoryBytes);
                TryWrite(folder, "memory.swap.max", 0);
                groups.Processes = Write(folder, "pids.max", processes);
                groups.Cpu = Write(folder, "cpu.weight", Math.Clamp(cpuShares * 100L / 1024, 1, 10_000));
            }

            return groups;
        }

        if (groups.Make(V1Base("memory"), name) is { } memory)
        {
            // The swap limit (when the kernel accounts swap) keeps a job from paging past its memory limit.
            groups.Memory = Write(memory, "memory.limit_in_bytes", memoryBytes);
            TryWrite(memory, "memory.memsw.limit_in_bytes", memoryBytes);
        }

        if (groups.Make(V1Base("pids"), name) is { } pids)
        {
            groups.Processes = Write(pids, "pids.max", processes);
        }

        if (groups.Make(V1Base("cpu"), name) is { } cpu)
        {
            groups.Cpu = Write(cpu, "cpu.shares", Math.Max(2, cpuShares));
        }

        return groups;
    }

    /// <summary>The groups named <paramref name="name"/> as they exist now, to kill what is left in them and remove them.</summary>
    public static JobCgroups Find(string name)
    {
        var groups = new JobCgroups(name);
        var bases = UnifiedOnly() ? [Path.Combine(Root, OwnPath(""))] : new[] { V1Base("memory"), V1Base("pids"), V1Base("cpu") };
        foreach (var folder in bases.Where(b => b is not null).Select(b => Path.Combine(b!, name)))
        {
            if (Directory.Exists(folder))
            {
                groups._folders.Add(folder);
            }
        }

        return groups;
    }

    /// <summary>SIGKILLs every process still in the groups and removes them, trying again for a few seconds while the last ones exit.</summary>
    public async Task RemoveAsync()
    {
        for (var attempt = 0; attempt < 50 && _folders.Count > 0; attempt++)
        {
            foreach (var folder in _folders.ToList())
            {
                foreach (var pid in Members(folder))
                {
                    ProcessGroup.SignalOne(pid, ProcessGroup.SigKill);
                }

                try
                {
                    Directory.Delete(folder);
                    _folders.Remove(folder);
                }
                catch (IOException)
                {
                    // Busy: its last processes are still exiting.
                }
                catch (UnauthorizedAccessException)
                {
                    _folders.Remove(folder);
                }
            }

            if (_folders.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System).ConfigureAwait(false);
            }
        }
    }

    private string? Make(string? parent, string name)
    {
        if (parent is null || !Directory.Exists(parent))
        {
            return null;
        }

        var folder = Path.Combine(parent, name);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        _folders.Add(folder);
        return folder;
    }

    private static IEnumerable<int> Members(string folder)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(folder, "cgroup.procs"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return lines.Select(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0).Where(p => p > 0);
    }

    private static bool Write(string folder, string file, long value)
    {
        try
        {
            File.WriteAllText(Path.Combine(folder, file), value.ToString(CultureInfo.InvariantCulture));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // Optional refinements (swap accounting may be off): a failure changes nothing the caller relies on.
    private static void TryWrite(string folder, string file, long value) => Write(folder, file, value);

    private static bool UnifiedOnly() => File.Exists(Path.Combine(Root, "cgroup.controllers"));

    private static string? V1Base(string controller)
    {
        var mount = Path.Combine(Root, controller);
        return Directory.Exists(mount) ? Path.Combine(mount, OwnPath(controller)) : null;
    }

    // This process's group under a controller ("" for the v2 hierarchy), from /proc/self/cgroup, relative.
    private static string OwnPath(string controller)
    {
        foreach (var line in File.ReadLines("/proc/self/cgroup"))
        {
            var parts = line.Split(':', 3);
            if (parts.Length == 3 && (controller.Length == 0 ? parts[1].Length == 0 : parts[1].Split(',').Contains(controller)))
            {
                return parts[2].TrimStart('/');
            }
        }

        return "";
    }
}
