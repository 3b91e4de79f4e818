using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Market;
using Suanwang.Storage;
using Suanwang.Storage.Tenants;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>
/// A key's limits on the gateway, counted so every replica sees the same counts: requests per
/// minute (a counter row per key and minute in the store, incremented atomically), tokens per
/// minute (summed from the store's usage records plus this process's records still in its usage
/// journal) and spend per calendar month (UTC; the store's sum, read at most once per
/// <see cref="GatewayOptions.BalanceLifetime"/>, plus what this process settled since). A key
/// without limits costs nothing here; only a requests-per-minute or tokens-per-minute limit costs a
/// store round trip per request.
/// </summary>
public sealed class KeyLimiter(IStore store, IOptions<MarketOptions> market, GatewayOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, KeyUse> _uses = new(StringComparer.Ordinal);

    /// <summary>Why the key may not make this request now (a 429), or null when it may; <paramref name="holdNanos"/> is the most it can cost.</summary>
    public async ValueTask<string?> CheckAsync(ApiKeyRecord key, long holdNanos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.RequestsPerMinute is null && key.TokensPerMinute is null && key.SpendPerMonth is null)
        {
            return null;
        }

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

        var use = _uses.GetOrAdd(key.Id, static _ => new KeyUse());
        if (key.TokensPerMinute is { } tpm)
        {
            var used = await store.SumKeyTokensAsync(key.Id, minuteStart, cancellationToken).ConfigureAwait(false);
            lock (use)
            {
                used += Math.Max(0, use.JournaledTokens);
            }

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
            var spent = await SpentAsync(key.Id, use, monthStart, now, cancellationToken).ConfigureAwait(false);
            if (spent + holdNanos > spend * perMinor)
            {
                return $"key {key.Id} may spend {MinorUnits.Format(spend, currency)} {currency} a month on tokens; it has spent {(decimal)spent / TokenCosts.NanosPerUnit:0.#########} and this request may cost up to {(decimal)holdNanos / TokenCosts.NanosPerUnit:0.#########}";
            }
        }

        return null;
    }

    /// <summary>Counts a record of <paramref name="keyId"/> written to the usage journal (not yet in the store).</summary>
    public void Journaled(string keyId, long tokens, long nanos)
    {
        var use = _uses.GetOrAdd(keyId, static _ => new KeyUse());
        lock (use)
        {
            use.JournaledTokens += tokens;
            use.JournaledNanos += nanos;
        }
    }

    /// <summary>Moves a record of <paramref name="keyId"/> from the journal to the store (the writer committed it).</summary>
    public void Committed(string keyId, long tokens, long nanos)
    {
        if (!_uses.TryGetValue(keyId, out var use))
        {
            return;
        }

        lock (use)
        {
            use.JournaledTokens -= tokens;
            use.JournaledNanos -= nanos;
            use.CommittedNanos += nanos;
        }
    }

    // The month's spend: the store's sum (read again when older than the balance lifetime), what was
    // committed since that read began (possibly in the read too: counted twice errs on the safe
    // side) and what is still in the journal.
    private async ValueTask<long> SpentAsync(string keyId, KeyUse use, DateTimeOffset monthStart, DateTimeOffset now, CancellationToken cancellationToken)
    {
        bool stale;
        lock (use)
        {
            stale = use.Month != monthStart || now - use.ReadAt > options.BalanceLifetime;
        }

        if (stale)
        {
            await use.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                lock (use)
                {
                    stale = use.Month != monthStart || time.GetUtcNow() - use.ReadAt > options.BalanceLifetime;
                }

                if (stale)
                {
                    long before;
                    lock (use)
                    {
                        before = use.CommittedNanos;
                    }

                    var read = await store.SumKeyCostAsync(keyId, monthStart, cancellationToken).ConfigureAwait(false);
                    lock (use)
                    {
                        use.StoreNanos = read;
                        use.CommittedNanos -= before;
                        use.Month = monthStart;
                        use.ReadAt = time.GetUtcNow();
                    }
                }
            }
            finally
            {
                use.Gate.Release();
            }
        }

        lock (use)
        {
            return use.StoreNanos + use.CommittedNanos + Math.Max(0, use.JournaledNanos);
        }
    }

    // A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose; uses live as long as the process.
#pragma warning disable CA1001
    private sealed class KeyUse
    {
        public long JournaledTokens;
        public long JournaledNanos;
        public long CommittedNanos;
        public long StoreNanos;
        public DateTimeOffset Month = DateTimeOffset.MinValue;
        public DateTimeOffset ReadAt = DateTimeOffset.MinValue;
        public readonly SemaphoreSlim Gate = new(1, 1);
    }
#pragma warning restore CA1001
}
