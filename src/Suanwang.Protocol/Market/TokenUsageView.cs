namespace Suanwang.Protocol.Market;

/// <summary>A statement's token usage of one model at one site over its period, from the gateway's usage records.</summary>
/// <param name="Model">Public model id.</param>
/// <param name="Site">Site that served the requests ("" for requests no endpoint served).</param>
/// <param name="Requests">Requests that ended in the period.</param>
/// <param name="PromptTokens">Prompt tokens billed.</param>
/// <param name="CachedTokens">Of those, tokens the endpoint served from its prefix cache.</param>
/// <param name="CompletionTokens">Output tokens billed.</param>
/// <param name="Cost">The exact cost, in the statement's currency to nine decimal places (the ledger posts whole minor units and carries the rest).</param>
public sealed record TokenUsageView(string Model, string Site, long Requests, long PromptTokens, long CachedTokens, long CompletionTokens, string Cost);
