namespace Suanwang.Server.Gateway;

/// <summary>The usage an upstream reported for a request.</summary>
/// <param name="Prompt">Prompt tokens.</param>
/// <param name="Cached">Prompt tokens served from its cache.</param>
/// <param name="Completion">Output tokens.</param>
internal sealed record ReportedUsage(long Prompt, long Cached, long Completion)
{
    /// <summary>Reads a <c>usage</c> object; null when it is missing or not an object.</summary>
    public static ReportedUsage? From(System.Text.Json.JsonElement root)
    {
        if (root.ValueKind != System.Text.Json.JsonValueKind.Object || !root.TryGetProperty("usage", out var usage) || usage.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return null;
        }

        long cached = 0;
        if (usage.TryGetProperty("prompt_tokens_details", out var details) && details.ValueKind == System.Text.Json.JsonValueKind.Object
            && details.TryGetProperty("cached_tokens", out var c) && c.TryGetInt64(out var cachedTokens))
        {
            cached = cachedTokens;
        }

        var prompt = usage.TryGetProperty("prompt_tokens", out var p) && p.TryGetInt64(out var promptTokens) ? promptTokens : 0;
        var completion = usage.TryGetProperty("completion_tokens", out var o) && o.TryGetInt64(out var completionTokens) ? completionTokens : 0;
        return new ReportedUsage(Math.Max(0, prompt), Math.Max(0, cached), Math.Max(0, completion));
    }
}
