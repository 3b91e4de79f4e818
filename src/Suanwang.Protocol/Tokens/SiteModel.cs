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
public sealed record SiteModel(string Model, string Url, string Kind, int ContextLength, int Capacity, decimal InputPrice, decimal OutputPrice, string Currency, bool Healthy = true);
