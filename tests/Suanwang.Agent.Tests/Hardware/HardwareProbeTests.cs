using Suanwang.Agent.Hardware;
using Suanwang.Core.Accelerators;

namespace Suanwang.Agent.Tests.Hardware;

public sealed class HardwareProbeTests
{
    private static readonly AcceleratorCatalog s_catalog = AcceleratorCatalog.Default;

    [Fact]
    public void MemInfo_MemTotalIsInBytes() =>
        Assert.Equal(24_683_520L * 1024, HardwareProbe.ParseMemInfo("MemTotal:       24683520 kB\nMemFree:        22674456 kB\n"));

    [Fact]
    public void MemInfo_WithoutMemTotal_IsZero() => Assert.Equal(0, HardwareProbe.ParseMemInfo("MemFree: 1 kB\n"));

    [Fact]
    public void NvidiaSmi_CsvIsParsed()
    {
        const string csv = "0, NVIDIA H100 80GB HBM3, 81559\n1, NVIDIA H100 80GB HBM3, 81559\n\n";

        var gpus = HardwareProbe.ParseNvidiaSmi(csv);

        Assert.Equal([new GpuInfo(0, "NVIDIA H100 80GB HBM3", 81559), new GpuInfo(1, "NVIDIA H100 80GB HBM3", 81559)], gpus);
    }

    [Theory]
    [InlineData("NVIDIA H100 80GB HBM3", "H100-SXM")]
    [InlineData("NVIDIA A100-SXM4-40GB", "A100-40GB")]
    [InlineData("NVIDIA A100-SXM4-80GB", "A100-80GB")]
    [InlineData("Tesla V100-SXM2-32GB", "V100-32GB")]
    [InlineData("Tesla T4", "T4")]
    [InlineData("NVIDIA H20", "H20")]
    [InlineData("NVIDIA H200", "H200")]
    public void KnownNames_MapToCatalogModels(string name, string id) =>
        Assert.Equal(id, HardwareProbe.MatchModel(name, s_catalog)?.Id);

    [Theory]
    [InlineData("NVIDIA H100 PCIe")]
    [InlineData("NVIDIA GeForce RTX 4090")]
    [InlineData("NVIDIA A100 80GB PCIe")]
    public void OtherNames_AreNotGuessed(string name) => Assert.Null(HardwareProbe.MatchModel(name, s_catalog));

    [Fact]
    public async Task Detect_OnThisMachine_FindsCoresAndMemory()
    {
        var hardware = await HardwareProbe.DetectAsync(CancellationToken.None);

        Assert.Equal(Environment.ProcessorCount, hardware.Cores);
        Assert.True(hardware.MemoryBytes > 0);
    }
}
