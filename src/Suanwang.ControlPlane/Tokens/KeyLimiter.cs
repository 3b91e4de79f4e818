using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Market;
using Suanwang.Storage;
using Suanwang.Storage.Tenants;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>
/// A key's limits on the gateway, counted in the store so every replica sees the same counts:
/// requests per minute (a counter row per key and minute, incremented atomically), tokens per
/// minute and spend per calendar month (UTC) summed from the usage records. A key without limits
/// costs no store round trip here.
/// </summary>
public sealed class KeyLimiter(IStore store, IOptions<MarketOptions> market, TimeProvider time)
{
    /// <summary>Why the key may not make this request now (a 429), or null when it may; <paramref name="holdNanos"/> is the most it can cost.</summary>
    public async ValueTask<string?> CheckAsync(ApiKeyRecord key, long holdNanos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = time.GetUtcNow();
        var minuteStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        if (key.RequestsPerMinute is { } rpm)
        {
            var count = await store.CountKeyRequestAsync(key.Id, now.ToUnixTimeSeconds() / 60, cancellationToken).ConfigureAwait(false);
            if (count > rpm)
            {
                return $"key {key.Id} may make {rpm} requests a minute and has made {count - 1} this minute; try again in {60 - now.Second} s";
            }
        }

        if (key.TokensPerMinute is { } tpm)
        {
            var used = await store.SumKeyTokensAsync(key.Id, minuteStart, cancellationToken).ConfigureAwait(false);
            if (used >= tpm)
            {
                return $"key {key.Id} may use {tpm} tokens a minute and has used {used} this minute; try again in {60 - now.Second} s";
            }
        }

        if (key.SpendPerMonth is { } spend)
        {
            var currency = market.Value.Currency;
            var perMinor = TokenCosts.NanosPerUnit / (long)Math.Pow(10, Currencies.MinorDigits(currency));
            var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
            var spent = await store.SumKeyCostAsync(key.Id, monthStart, cancellationToken).ConfigureAwait(false);
            if (spent + holdNanos > spend * perMinor)
            {
                return $"key {key.Id} may spend {MinorUnits.Format(spend, currency)} {currency} a month on tokens; it has spent {(decimal)spent / TokenCosts.NanosPerUnit:0.#########} and this request may cost up to {(decimal)holdNanos / TokenCosts.NanosPerUnit:0.#########}";
            }
        }

        return null;
    }
}
