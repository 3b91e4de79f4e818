using Suanwang.Scheduling.Tokens;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>A published model endpoint as the gateway uses it: the router's view plus where to send and whom to pay.</summary>
/// <param name="Router">The router's endpoint (live state: in flight, breaker, measured latency).</param>
/// <param name="Url">Base URL ending in <c>/v1</c>.</param>
/// <param name="Owner">The site's owner.</param>
/// <param name="Kind">builtin or external.</param>
/// <param name="SiteUp">Whether the site's agent heartbeats.</param>
/// <param name="AgentHealthy">Whether the agent's health check of the endpoint passes.</param>
/// <param name="Tokenizer">How prompts are bounded for it (<c>bytes</c>, <c>cl100k</c>, <c>o200k</c>, <c>gguf</c>).</param>
/// <param name="TokenizerDigest">SHA-256 of its <c>gguf</c> tokenizer document; null for the others.</param>
public sealed record GatewayEndpoint(InferenceEndpoint Router, string Url, string Owner, string Kind, bool SiteUp, bool AgentHealthy, string Tokenizer = "bytes", string? TokenizerDigest = null);
