using Suanwang.Core.Accelerators;

namespace Suanwang.Simulation.Tokens;

/// <summary>
/// Service times of one model replica on a group of cards, from the catalog's dense FP16 TFLOPS and
/// memory (docs/studies/token-routing.md states the formulas): prefill is compute-bound, a decode
/// step reads the weights once and is memory-bound until the batch's compute exceeds it.
/// </summary>
public sealed record EndpointHardware(AcceleratorModel Accelerator, int Cards, ServedModel Model)
{
    /// <summary>Share of peak FLOPS that prefill and batched decode reach (model FLOPs utilisation).</summary>
    public const double Mfu = 0.4;

    /// <summary>
    /// FLOPs per byte at which the roofline turns (peak FLOPS over memory bandwidth): 295 for H100 SXM,
    /// 156 for A100, 203 for T4, 200 for Ascend 910B; the catalog has no bandwidth, so it is taken as FLOPS / 200.
    /// </summary>
    public const double RidgeFlopsPerByte = 200;

    /// <summary>Share of the cards' memory usable for weights and KV cache.</summary>
    public const double UsableMemory = 0.9;

    /// <summary>Share of the KV memory kept for cached prefixes of finished requests.</summary>
    public const double PrefixCacheShare = 0.5;

    /// <summary>Peak dense FP16 FLOPS of the group.</summary>
    public double Flops => Cards * Accelerator.Fp16Tflops * 1e12;

    /// <summary>Memory bandwidth of the group in bytes per second, FLOPS / <see cref="RidgeFlopsPerByte"/>.</summary>
    public double BytesPerSecond => Flops / RidgeFlopsPerByte;

    /// <summary>Seconds to prefill one prompt token.</summary>
    public double PrefillSecondsPerToken => Model.FlopsPerToken / (Flops * Mfu);

    /// <summary>Bytes left for KV cache once the weights are loaded.</summary>
    public double KvBytes => Math.Max(0, (Cards * Accelerator.MemoryGiB * UsableMemory * (1L << 30)) - Model.WeightBytes);

    /// <summary>Requests decoded at once: the KV memory over half a context each, 1..256.</summary>
    public int BatchSlots => (int)Math.Clamp(Math.Floor(KvBytes * (1 - PrefixCacheShare) / (Model.KvBytesPerToken * Model.ContextLength / 2.0)), 1, 256);

    /// <summary>512-token prefix blocks the replica keeps cached.</summary>
    public int PrefixCacheBlocks => (int)Math.Max(1, Math.Floor(KvBytes * PrefixCacheShare / (Model.KvBytesPerToken * 512)));

    /// <summary>Seconds for one decode step of <paramref name="batch"/> requests (one token each).</summary>
    public double DecodeStepSeconds(int batch) =>
        Math.Max(Model.WeightBytes / BytesPerSecond, Math.Max(1, batch) * Model.FlopsPerToken / (Flops * Mfu));

    /// <summary>Watts drawn while serving.</summary>
    public double Watts => Cards * Accelerator.TdpWatts;

    /// <summary>Smallest power-of-two group of <paramref name="accelerator"/> cards whose usable memory holds the weights with a fifth to spare for KV; 0 when 64 do not.</summary>
    public static int CardsFor(AcceleratorModel accelerator, ServedModel model)
    {
        for (var cards = 1; cards <= 64; cards *= 2)
        {
            if (cards * accelerator.MemoryGiB * UsableMemory * (1L << 30) >= model.WeightBytes * 1.2)
            {
                return cards;
            }
        }

        return 0;
    }
}
