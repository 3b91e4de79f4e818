namespace Suanwang.Simulation.Tokens;

/// <summary>The model the simulated endpoints serve, by the figures service time depends on.</summary>
/// <param name="Id">Public model id.</param>
/// <param name="ParametersBillions">Parameters, in billions; FP16 weights take 2 bytes each.</param>
/// <param name="KvBytesPerToken">KV-cache bytes per token (layers × KV heads × head size × 2 tensors × 2 bytes).</param>
/// <param name="ContextLength">Context length in tokens.</param>
public sealed record ServedModel(string Id, double ParametersBillions, double KvBytesPerToken, int ContextLength)
{
    /// <summary>Llama 3 8B: 8.03 B parameters; 32 layers, 8 KV heads of 128: 128 KiB of KV per token; 8,192 tokens of context.</summary>
    public static ServedModel Llama8B { get; } = new("llama-3-8b", 8.03, 32 * 8 * 128 * 2 * 2, 8192);

    /// <summary>Bytes of FP16 weights.</summary>
    public double WeightBytes => ParametersBillions * 1e9 * 2;

    /// <summary>FLOPs per token through the model (2 per parameter).</summary>
    public double FlopsPerToken => ParametersBillions * 1e9 * 2;
}
