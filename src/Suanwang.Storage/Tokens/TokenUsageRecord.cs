namespace Suanwang.Storage.Tokens;

/// <summary>One request through the token gateway, as metered.</summary>
/// <param name="At">When it ended.</param>
/// <param name="Tenant">Tenant that paid.</param>
/// <param name="KeyId">Public id of the key used.</param>
/// <param name="Model">Public model id.</param>
/// <param name="Site">Site that served it ("" when none did).</param>
/// <param name="Owner">The site's owner ("" when none served it).</param>
/// <param name="PromptTokens">Prompt tokens billed.</param>
/// <param name="CachedTokens">Prompt tokens the endpoint reported served from its cache.</param>
/// <param name="CompletionTokens">Output tokens billed.</param>
/// <param name="TtftMs">Milliseconds from the request to the first byte of the answer.</param>
/// <param name="DurationMs">Milliseconds from the request to its end.</param>
/// <param name="Outcome">ok, cut (stream ended early by either side), error or refused.</param>
/// <param name="Currency">The base currency of <paramref name="CostNanos"/>.</param>
/// <param name="CostNanos">The exact cost in 1e-9 of the currency's major unit.</param>
public sealed record TokenUsageRecord(
    DateTimeOffset At,
    string Tenant,
    string KeyId,
    string Model,
    string Site,
    string Owner,
    long PromptTokens,
    long CachedTokens,
    long CompletionTokens,
    double TtftMs,
    double DurationMs,
    string Outcome,
    string Currency,
    long CostNanos)
{
    /// <summary>The record's own id (32 hex digits), unique in the store: a second insert of the same id is ignored; null for none.</summary>
    public string? RecordId { get; init; }
}
