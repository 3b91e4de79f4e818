namespace Suanwang.Simulation.Tokens;

/// <summary>
/// Inference requests of a trace, in arrival order, as parallel arrays: arrival in seconds from the
/// first request, prompt and output tokens, and the prompt's block hashes (empty when unknown).
/// </summary>
public sealed class TokenTrace
{
    private readonly int[] _blockStart;
    private readonly ulong[] _blocks;

    /// <summary>Creates a trace; arrays are taken as they are (arrivals sorted, blocks flattened with <paramref name="blockStart"/> of length count + 1).</summary>
    public TokenTrace(string source, double[] arrival, int[] input, int[] output, int[] blockStart, ulong[] blocks)
    {
        Source = source;
        Arrival = arrival;
        Input = input;
        Output = output;
        _blockStart = blockStart;
        _blocks = blocks;
    }

    /// <summary>Where the trace came from (file names).</summary>
    public string Source { get; }

    /// <summary>Arrival of each request, seconds after the first.</summary>
    public double[] Arrival { get; }

    /// <summary>Prompt tokens of each request.</summary>
    public int[] Input { get; }

    /// <summary>Output tokens of each request.</summary>
    public int[] Output { get; }

    /// <summary>Number of requests.</summary>
    public int Count => Arrival.Length;

    /// <summary>True when any request carries prompt block hashes.</summary>
    public bool HasBlocks => _blocks.Length > 0;

    /// <summary>The prompt block hashes of request <paramref name="i"/>, from the prompt's start.</summary>
    public ReadOnlyMemory<ulong> Blocks(int i) => _blocks.AsMemory(_blockStart[i], _blockStart[i + 1] - _blockStart[i]);
}
