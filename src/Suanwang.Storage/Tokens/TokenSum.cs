namespace Suanwang.Storage.Tokens;

/// <summary>Token requests summed per UTC day, model, site and currency.</summary>
/// <param name="Day">The UTC day of the requests.</param>
/// <param name="Model">The model.</param>
/// <param name="Site">The site that served them ("" for none).</param>
/// <param name="Currency">The currency of their cost.</param>
/// <param name="Requests">How many requests.</param>
/// <param name="PromptTokens">Prompt tokens.</param>
/// <param name="CachedTokens">Cached prompt tokens.</param>
/// <param name="CompletionTokens">Output tokens.</param>
/// <param name="CostNanos">Exact cost in billionths of the currency.</param>
public sealed record TokenSum(DateOnly Day, string Model, string Site, string Currency, long Requests, long PromptTokens, long CachedTokens, long CompletionTokens, long CostNanos);
