namespace Suanwang.Agent.Hardware;

/// <summary>What this machine has.</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="MemoryBytes">Physical memory; 0 when unknown.</param>
/// <param name="Gpus">NVIDIA GPUs; empty when there are none or nvidia-smi is missing.</param>
/// <param name="Notes">What could not be detected, and why.</param>
public sealed record HardwareInfo(int Cores, long MemoryBytes, IReadOnlyList<GpuInfo> Gpus, IReadOnlyList<string> Notes);
