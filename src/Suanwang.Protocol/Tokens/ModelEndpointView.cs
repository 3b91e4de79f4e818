namespace Suanwang.Protocol.Tokens;

/// <summary>A model endpoint as <c>GET /api/v1/models</c> lists it.</summary>
/// <param name="Model">Public model id.</param>
/// <param name="Site">The site that serves it.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country whose law applies at the site.</param>
/// <param name="Kind">builtin or external.</param>
/// <param name="ContextLength">Tokens one request may use.</param>
/// <param name="Capacity">Requests served at once.</param>
/// <param name="InputPrice">Price per million prompt tokens, in <paramref name="Currency"/>.</param>
/// <param name="OutputPrice">Price per million output tokens, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 currency of the prices.</param>
/// <param name="State">up, or down with the reason: site-down (no heartbeat) or unhealthy (the agent's health check fails).</param>
/// <param name="InFlight">Requests this gateway has in flight there now.</param>
public sealed record ModelEndpointView(string Model, string Site, string Country, string Kind, int ContextLength, int Capacity, decimal InputPrice, decimal OutputPrice, string Currency, string State, int InFlight);
