namespace Suanwang.Agent.Hardware;

/// <summary>This machine as a site.</summary>
/// <param name="Id">The site id, as in the YAML.</param>
/// <param name="Yaml">The site in the network file's site format.</param>
/// <param name="Notes">What a user should know: GPUs skipped, the CPU-only convention.</param>
/// <param name="CpuOnly">True when no GPU of the catalog was found and the site follows the CPU-only convention.</param>
public sealed record LocalSiteDescription(string Id, string Yaml, IReadOnlyList<string> Notes, bool CpuOnly);
