namespace Suanwang.Inference;

/// <summary>How the built-in model server loads its model and what it accepts.</summary>
public sealed record ModelServerOptions
{
    /// <summary>The public model id clients name in <c>model</c>.</summary>
    public required string ModelId { get; init; }

    /// <summary>Path of the GGUF file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Tokens one request may use, prompt and output together; 0 takes the model's trained context, capped at 4096.</summary>
    public int ContextLength { get; init; }

    /// <summary>Requests decoded together in one batch (llama.cpp sequences).</summary>
    public int Capacity { get; init; } = 4;

    /// <summary>Requests that may wait for a free slot beyond <see cref="Capacity"/>; more are refused with 503.</summary>
    public int QueueLimit { get; init; } = 64;

    /// <summary>CPU threads llama.cpp decodes with.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Most tokens decoded in one llama.cpp batch; longer prompts are fed in chunks of this size.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Model layers offloaded to a GPU when a GPU backend is present; 0 keeps everything on the CPU.</summary>
    public int GpuLayers { get; init; }

    /// <summary>Largest request body accepted, in bytes; larger bodies get 413.</summary>
    public long MaxRequestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Port on 127.0.0.1 for <see cref="ModelServer.StartAsync"/>; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Where the server's notes go (the native library it chose, where it listens); null drops them.</summary>
    public Action<string>? Log { get; init; }
}
