namespace Suanwang.ControlPlane.Tokens;

/// <summary>
/// Token costs in nanos: 1e-9 of the base currency's major unit, far below any minor unit, so a
/// request's cost is kept exactly enough that billing can carry what rounding to the minor unit
/// leaves. Rounded up to the whole nano (a loss of at most one nano per request, the provider's way).
/// </summary>
public static class TokenCosts
{
    /// <summary>Nanos in one major unit.</summary>
    public const long NanosPerUnit = 1_000_000_000;

    /// <summary>The cost of <paramref name="promptTokens"/> and <paramref name="completionTokens"/> at prices per million tokens, converted at <paramref name="rateToBase"/>.</summary>
    public static long Nanos(long promptTokens, long completionTokens, decimal inputPerMillion, decimal outputPerMillion, decimal rateToBase)
    {
        // Per million tokens in major units = per token in 1e-6 units = per token 1e3 nanos.
        var nanos = ((promptTokens * inputPerMillion) + (completionTokens * outputPerMillion)) * rateToBase * 1000m;
        return decimal.ToInt64(decimal.Ceiling(nanos));
    }
}
