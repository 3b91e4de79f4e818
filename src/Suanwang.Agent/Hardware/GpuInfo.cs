namespace Suanwang.Agent.Hardware;

/// <summary>One GPU as nvidia-smi lists it.</summary>
/// <param name="Index">Device index (what CUDA_VISIBLE_DEVICES names).</param>
/// <param name="Name">Product name, for example <c>NVIDIA H100 80GB HBM3</c>.</param>
/// <param name="MemoryMiB">Total memory in MiB.</param>
public sealed record GpuInfo(int Index, string Name, double MemoryMiB);
