namespace Suanwang.Inference;

/// <summary>A model endpoint as a site publishes it: what it serves, how much, and where.</summary>
/// <param name="ModelId">The public model id.</param>
/// <param name="ContextLength">Tokens one request may use, prompt and output together.</param>
/// <param name="Capacity">Concurrent requests decoded together.</param>
/// <param name="Url">The OpenAI-compatible base URL, ending in <c>/v1</c>.</param>
/// <param name="TokenizerDigest">SHA-256 of its tokenizer document (<c>GET /v1/suanwang/tokenizer</c>); null when it serves none.</param>
public sealed record ModelEndpoint(string ModelId, int ContextLength, int Capacity, Uri Url, string? TokenizerDigest = null);
