using Suanwang.Agent.Hardware;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Networks;

namespace Suanwang.Agent.Tests.Hardware;

public sealed class LocalSiteTests
{
    private static readonly AcceleratorCatalog s_catalog = AcceleratorCatalog.Default;

    private static Suanwang.Core.Sites.Site Read(string siteYaml)
    {
        // A site is read as the only site of a network, exactly as a network file would hold it.
        var indented = string.Concat(siteYaml.Split('\n').Select(line => line.Length == 0 ? "\n" : "    " + line + "\n"));
        var network = NetworkReader.Parse($"name: up\ncurrency: CNY\nsites:\n  -\n{indented}", "site.yaml", s_catalog);
        return Assert.Single(network.Sites);
    }

    [Fact]
    public void Gpus_BecomeOnePoolPerCatalogModel()
    {
        var hardware = new HardwareInfo(64, 1L << 40, [new GpuInfo(0, "NVIDIA H100 80GB HBM3", 81559), new GpuInfo(1, "NVIDIA H100 80GB HBM3", 81559)], []);

        var description = LocalSite.Describe(hardware, new LocalSiteOptions(Id: "cn-lab-1", Owner: "Lab O'Neil"), s_catalog);
        var site = Read(description.Yaml);

        Assert.False(description.CpuOnly);
        Assert.Equal("cn-lab-1", site.Id);
        Assert.Equal("Lab O'Neil", site.Owner);
        var pool = Assert.Single(site.Pools);
        Assert.Equal(("H100-SXM", 2, 1, 0m), (pool.Model.Id, pool.CardsPerNode, pool.Nodes, pool.PricePerCardHour));
    }

    [Fact]
    public void UnknownGpu_IsLeftOutWithANote()
    {
        var hardware = new HardwareInfo(8, 1L << 34, [new GpuInfo(0, "Tesla T4", 15360), new GpuInfo(1, "NVIDIA GeForce RTX 4090", 24564)], []);

        var description = LocalSite.Describe(hardware, new LocalSiteOptions(Id: "x"), s_catalog);

        Assert.Equal("T4", Assert.Single(Read(description.Yaml).Pools).Model.Id);
        Assert.Contains(description.Notes, n => n.Contains("GPU 1 'NVIDIA GeForce RTX 4090' is not in the accelerator catalog", StringComparison.Ordinal));
    }

    [Fact]
    public void NoGpu_OffersItsCoresAsCpuCoreSlots_AndSaysSo()
    {
        var hardware = new HardwareInfo(6, 1L << 34, [], ["nvidia-smi not found: no NVIDIA GPUs detected"]);

        var description = LocalSite.Describe(hardware, new LocalSiteOptions(Id: "x"), s_catalog);
        var pool = Assert.Single(Read(description.Yaml).Pools);

        Assert.True(description.CpuOnly);
        Assert.Equal("CPU-core", pool.Model.Id);
        Assert.Equal(6, pool.CardsPerNode);
        Assert.Contains("offers its 6 CPU cores as 6 CPU-core slots", description.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultId_IsLocalAndTheHostName()
    {
        var description = LocalSite.Describe(new HardwareInfo(2, 0, [], []), new LocalSiteOptions(), s_catalog);

        Assert.StartsWith("local-", Read(description.Yaml).Id, StringComparison.Ordinal);
    }
}
