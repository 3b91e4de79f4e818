using System.Runtime.InteropServices;

namespace Suanwang.Bench.Common;

/// <summary>What the figures were measured on.</summary>
public sealed record Machine(int Cores, string Cpu, double MemoryGiB, string Os, string Runtime)
{
    public static Machine Current() => new(
        Environment.ProcessorCount,
        CpuModel(),
        MemoryGiBTotal(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    public string Describe() =>
        $"{Cores} cores, {Cpu}, {Format.Number(MemoryGiB, "0.0")} GiB RAM, {Os}, {Runtime}";

    public MarkdownTable ToTable()
    {
        var table = new MarkdownTable("machine", "");
        table.Add("cores", Cores.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.Add("CPU", Cpu);
        table.Add("memory", Format.Number(MemoryGiB, "0.0") + " GiB");
        table.Add("OS", Os);
        table.Add(".NET", Runtime);
        return table;
    }

    private static string CpuModel() => ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static double MemoryGiBTotal()
    {
        // MemTotal is in kB; fall back to what the GC sees when /proc is not there.
        var text = ProcField("/proc/meminfo", "MemTotal");
        return text is not null && double.TryParse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture, out var kb)
            ? kb / (1024.0 * 1024.0)
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024.0 * 1024.0);
    }

    private static string? ProcField(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().SequenceEqual(key))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
