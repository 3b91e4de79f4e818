namespace Suanwang.Protocol.Tokens;

/// <summary>A model endpoint a site's agent publishes (<c>PUT /api/v1/agents/{site}/models</c>).</summary>
/// <param name="Model">Public model id, as clients name it.</param>
/// <param name="Url">Base URL of its OpenAI-compatible API, ending in <c>/v1</c>, that the gateway calls.</param>
/// <param name="Kind">builtin (served by the agent through llama.cpp) or external (a server at the site the agent health-checks).</param>
/// <param name="ContextLength">Tokens one request may use, prompt and output together.</param>
/// <param name="Capacity">Requests it serves at once.</param>
/// <param name="InputPrice">Price per million prompt tokens, in <paramref name="Currency"/>.</param>
/// <param name="OutputPrice">Price per million output tokens, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 currency of the prices.</param>
/// <param name="Healthy">False while the agent's health check of the endpoint fails.</param>
/// <param name="Tokenizer">How the gateway bounds a prompt's tokens before it holds their cost: <c>bytes</c> (UTF-8 bytes, the default and a safe upper bound), <c>cl100k</c>, <c>o200k</c>, or <c>gguf</c> (a built-in model's own vocabulary, fetched from <c>URL/suanwang/tokenizer</c>).</param>
/// <param name="TokenizerDigest">For <c>gguf</c>: the lower-case hex SHA-256 of the endpoint's tokenizer document.</param>
public sealed record SiteModel(string Model, string Url, string Kind, int ContextLength, int Capacity, decimal InputPrice, decimal OutputPrice, string Currency, bool Healthy = true, string Tokenizer = SiteModel.Bytes, string? TokenizerDigest = null)
{
    /// <summary>The UTF-8 byte bound: no tokenizer.</summary>
    public const string Bytes = "bytes";

    /// <summary>OpenAI's cl100k_base vocabulary.</summary>
    public const string Cl100k = "cl100k";

    /// <summary>OpenAI's o200k_base vocabulary.</summary>
    public const string O200k = "o200k";

    /// <summary>A built-in model's own vocabulary, served by its endpoint and named by <see cref="TokenizerDigest"/>.</summary>
    public const string Gguf = "gguf";

    /// <summary>The tokenizers an endpoint may name.</summary>
    public static IReadOnlyList<string> Tokenizers { get; } = [Bytes, Cl100k, O200k, Gguf];
}
