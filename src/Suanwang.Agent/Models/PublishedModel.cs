namespace Suanwang.Agent.Models;

/// <summary>A model endpoint the agent publishes for its site.</summary>
/// <param name="Model">Public model id.</param>
/// <param name="Url">Base URL of its OpenAI-compatible API, ending in <c>/v1</c>.</param>
/// <param name="Kind">builtin (served by this agent) or external (a server at the site).</param>
/// <param name="ContextLength">Tokens one request may use.</param>
/// <param name="Capacity">Requests served at once.</param>
/// <param name="InputPrice">Price per million prompt tokens.</param>
/// <param name="OutputPrice">Price per million output tokens.</param>
/// <param name="Currency">ISO 4217 currency of the prices (the site's).</param>
/// <param name="Tokenizer">How the gateway bounds prompts for it: bytes (default), cl100k, o200k, or gguf (a built-in model's own vocabulary).</param>
/// <param name="TokenizerDigest">For gguf: the SHA-256 of the endpoint's tokenizer document.</param>
public sealed record PublishedModel(string Model, Uri Url, string Kind, int ContextLength, int Capacity, decimal InputPrice, decimal OutputPrice, string Currency, string Tokenizer = "bytes", string? TokenizerDigest = null);
