using System.Globalization;
using Suanwang.Agent.Processes;
using Suanwang.Core.Accelerators;

namespace Suanwang.Agent.Hardware;

/// <summary>Detects this machine's cores, memory and NVIDIA GPUs, and maps GPU names to catalog models.</summary>
public static class HardwareProbe
{
    // nvidia-smi's product names for the catalog's NVIDIA models. PCIe and NVL variants are left out
    // on purpose: their clocks and power differ from the SXM figures the catalog holds.
    private static readonly Dictionary<string, string> s_nvidiaNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Tesla P100-PCIE-16GB"] = "P100",
        ["Tesla V100-SXM2-16GB"] = "V100-16GB",
        ["Tesla V100-SXM2-32GB"] = "V100-32GB",
        ["Tesla T4"] = "T4",
        ["NVIDIA A10"] = "A10",
        ["NVIDIA A100-SXM4-40GB"] = "A100-40GB",
        ["NVIDIA A100-SXM4-80GB"] = "A100-80GB",
        ["NVIDIA H100 80GB HBM3"] = "H100-SXM",
        ["NVIDIA H20"] = "H20",
        ["NVIDIA H200"] = "H200",
    };

    /// <summary>Looks at this machine: cores, /proc/meminfo, and nvidia-smi when it is on the PATH.</summary>
    public static async Task<HardwareInfo> DetectAsync(CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        long memory = 0;
        try
        {
            memory = ParseMemInfo(await File.ReadAllTextAsync("/proc/meminfo", cancellationToken).ConfigureAwait(false));
        }
        catch (IOException ex)
        {
            notes.Add($"memory unknown: {ex.Message}");
        }

        IReadOnlyList<GpuInfo> gpus = [];
        var smi = await ExternalCommand.RunAsync(
            "nvidia-smi",
            ["--query-gpu=index,name,memory.total", "--format=csv,noheader,nounits"],
            TimeSpan.FromSeconds(20),
            cancellationToken).ConfigureAwait(false);
        if (smi.ExitCode == 127)
        {
            notes.Add("nvidia-smi not found: no NVIDIA GPUs detected");
        }
        else if (!smi.Succeeded)
        {
            notes.Add($"nvidia-smi failed, no GPUs detected: {smi.Message}");
        }
        else
        {
            gpus = ParseNvidiaSmi(smi.Stdout);
        }

        return new HardwareInfo(Environment.ProcessorCount, memory, gpus, notes);
    }

    /// <summary>MemTotal of a /proc/meminfo text, in bytes; 0 when it is missing.</summary>
    public static long ParseMemInfo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
            {
                return kib * 1024;
            }
        }

        return 0;
    }

    /// <summary>Parses <c>nvidia-smi --query-gpu=index,name,memory.total --format=csv,noheader,nounits</c>.</summary>
    public static IReadOnlyList<GpuInfo> ParseNvidiaSmi(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var gpus = new List<GpuInfo>();
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length >= 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && double.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var memory))
            {
                // A name with a comma in it spans the middle fields.
                gpus.Add(new GpuInfo(index, string.Join(", ", parts[1..^1]), memory));
            }
        }

        return gpus;
    }

    /// <summary>The catalog model of a GPU by its nvidia-smi name, or null when the catalog has no such model.</summary>
    public static AcceleratorModel? MatchModel(string name, AcceleratorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(catalog);
        if (s_nvidiaNames.TryGetValue(name.Trim(), out var id) && catalog.TryGet(id, out var known))
        {
            return known;
        }

        // Otherwise the bare name may be a catalog id or alias ("NVIDIA L40S" would be "L40S").
        var bare = name.Trim();
        foreach (var prefix in (string[])["NVIDIA ", "Tesla "])
        {
            if (bare.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                bare = bare[prefix.Length..];
            }
        }

        return catalog.TryGet(bare, out var model) ? model : null;
    }
}
