namespace Suanwang.Core.Accelerators;

/// <summary>One accelerator model of the catalog, with the figures the standard unit is built on.</summary>
/// <param name="Id">Catalog id, for example <c>H100-SXM</c>.</param>
/// <param name="Vendor">Maker, for example NVIDIA, Huawei, Cambricon.</param>
/// <param name="Name">Marketing name.</param>
/// <param name="MemoryGiB">On-package memory in GiB.</param>
/// <param name="Fp16Tflops">Dense FP16/BF16 tensor throughput in TFLOPS (no sparsity).</param>
/// <param name="TdpWatts">Board power in watts.</param>
/// <param name="Source">Where the figures come from.</param>
public sealed record AcceleratorModel(
    string Id,
    string Vendor,
    string Name,
    double MemoryGiB,
    double Fp16Tflops,
    double TdpWatts,
    string Source)
{
    /// <summary>Dense FP16 throughput in PFLOPS, the standard unit's rate.</summary>
    public double Pflops => Fp16Tflops / 1000.0;
}
