using System.Globalization;
using System.Text;
using Suanwang.Core.Accelerators;

namespace Suanwang.Agent.Hardware;

/// <summary>Describes this machine as a site for <c>suanwang up</c>: one pool per detected GPU model, or the CPU-only convention.</summary>
public static class LocalSite
{
    /// <summary>The site YAML for <paramref name="hardware"/>, with notes on what was left out.</summary>
    public static LocalSiteDescription Describe(HardwareInfo hardware, LocalSiteOptions options, AcceleratorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var notes = new List<string>(hardware.Notes);
        var pools = new List<(AcceleratorModel Model, int Cards)>();
        foreach (var group in hardware.Gpus.GroupBy(g => HardwareProbe.MatchModel(g.Name, catalog)?.Id))
        {
            if (group.Key is null)
            {
                foreach (var gpu in group)
                {
                    notes.Add($"GPU {gpu.Index} '{gpu.Name}' is not in the accelerator catalog; it is left out of the site");
                }

                continue;
            }

            catalog.TryGet(group.Key, out var model);
            pools.Add((model, group.Count()));
        }

        var cpuOnly = pools.Count == 0;
        if (cpuOnly)
        {
            var (model, cards, note) = CpuOnlyPool(hardware, catalog);
            pools.Add((model, cards));
            notes.Add(note);
        }

        var yaml = new StringBuilder();
        yaml.Append("# This machine as a Suanwang site, as detected by suanwang up:\n");
        yaml.Append(CultureInfo.InvariantCulture, $"# {hardware.Cores} cores, {hardware.MemoryBytes / (1024.0 * 1024 * 1024):0.#} GiB memory, {hardware.Gpus.Count} NVIDIA GPUs.\n");
        foreach (var note in notes)
        {
            yaml.Append("# ").Append(note.ReplaceLineEndings(" ")).Append('\n');
        }

        var id = options.Id ?? DefaultId();
        yaml.Append("id: ").Append(Quote(id)).Append('\n');
        yaml.Append("owner: ").Append(Quote(options.Owner ?? Environment.UserName)).Append('\n');
        yaml.Append("jurisdiction: ").Append(Quote(options.Jurisdiction)).Append('\n');
        yaml.Append("tier: edge\n");
        yaml.Append(CultureInfo.InvariantCulture, $"carbon: {options.CarbonGramsPerKwh}\n");
        yaml.Append("pools:\n");
        foreach (var (model, cards) in pools)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ model: {Quote(model.Id)}, cards_per_node: {cards}, nodes: 1, price: {options.PricePerCardHour} }}\n");
        }

        return new LocalSiteDescription(id, yaml.ToString(), notes, cpuOnly);
    }

    /// <summary>
    /// A machine without a catalog GPU offers its cores as slots of the catalog's <c>CPU-core</c>
    /// entry, whose figures are an approximation of one core; the note says so in the site YAML.
    /// </summary>
    public static (AcceleratorModel Model, int Cards, string Note) CpuOnlyPool(HardwareInfo hardware, AcceleratorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(catalog);
        var core = catalog.TryGet("CPU-core", out var model) ? model : catalog.Models.MinBy(m => m.Fp16Tflops)!;
        var cards = Math.Clamp(hardware.Cores, 1, 64);
        var note = $"no GPU of the catalog found: the site offers its {cards} CPU cores as {cards} {core.Id} slots";
        return (core, cards, note);
    }

    private static string DefaultId()
    {
        var host = new StringBuilder();
        foreach (var c in Environment.MachineName.ToLowerInvariant())
        {
            host.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return "local-" + (host.Length > 0 ? host.ToString() : "machine");
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
