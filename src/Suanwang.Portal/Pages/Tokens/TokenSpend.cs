using Suanwang.Storage.Tokens;

namespace Suanwang.Portal.Pages.Tokens;

/// <summary>A tenant's token usage of one model with one key over a period: the sums of its usage records.</summary>
/// <param name="KeyId">The key's public id.</param>
/// <param name="Model">The model asked for.</param>
/// <param name="Requests">Requests that ended in the period.</param>
/// <param name="PromptTokens">Prompt tokens billed.</param>
/// <param name="CompletionTokens">Output tokens billed.</param>
/// <param name="Cost">The exact cost in the base currency (to the nano).</param>
public sealed record TokenSpend(string KeyId, string Model, long Requests, long PromptTokens, long CompletionTokens, decimal Cost)
{
    /// <summary>Usage per key and model, in key then model order; records in another currency than <paramref name="currency"/> are left out, as on statements.</summary>
    public static IReadOnlyList<TokenSpend> Of(IReadOnlyList<TokenUsageRecord> records, string currency)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records
            .Where(r => r.Currency == currency)
            .GroupBy(r => (r.KeyId, r.Model))
            .OrderBy(g => g.Key.KeyId, StringComparer.Ordinal).ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .Select(g => new TokenSpend(g.Key.KeyId, g.Key.Model, g.LongCount(), g.Sum(r => r.PromptTokens), g.Sum(r => r.CompletionTokens), g.Sum(r => r.CostNanos) / 1_000_000_000m))
            .ToList();
    }
}
