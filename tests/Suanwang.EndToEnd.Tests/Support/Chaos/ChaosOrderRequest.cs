namespace Suanwang.EndToEnd.Tests.Support.Chaos;

/// <summary>An order as sent: its body and media type, to send again unchanged with the same key.</summary>
/// <param name="Body">The spec (YAML) or <c>{"quote": id}</c> (JSON).</param>
/// <param name="MediaType">application/yaml or application/json.</param>
internal sealed record ChaosOrderRequest(string Body, string MediaType);
