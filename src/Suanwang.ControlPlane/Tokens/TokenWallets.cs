using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Market;
using Suanwang.Storage;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>
/// Holds on tenants' wallets for requests in flight, kept in this process over the balance the
/// store holds. A tenant's available money = wallet balance (committed postings) - tokens used but
/// not yet posted (unbilled records and carries, read from the store with the balance) - open
/// holds - usage this process settled that is still in its usage journal, not yet in the store -
/// usage it committed to the store since the balance was read. A hold is refused (402) when that
/// would go below zero, so one gateway never lets a wallet's charges exceed it. Holds live only in
/// memory: a crash leaves none behind to release. Several replicas each see the others' usage
/// within <see cref="GatewayOptions.BalanceLifetime"/> plus one billing interval: together they
/// may overcommit a wallet by at most what the others hold and settle in that time; the ledger
/// still never goes below zero (what a wallet cannot pay stays in the carry as the tenant's debt,
/// and holds count it, so the tenant gets 402 until it tops up).
/// </summary>
public sealed class TokenWallets(IStore store, IOptions<MarketOptions> market, GatewayOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Purse> _purses = new(StringComparer.Ordinal);

    /// <summary>Holds <paramref name="nanos"/> of <paramref name="tenant"/>'s money; false, holding nothing, when the wallet cannot cover it.</summary>
    public async ValueTask<HoldResult> TryHoldAsync(string tenant, long nanos, CancellationToken cancellationToken)
    {
        var purse = _purses.GetOrAdd(tenant, static _ => new Purse());
        // One read at a time per tenant; while one runs the others go on with the balance read
        // before, or wait for it when there is none yet.
        if (time.GetUtcNow() - purse.ReadAt > options.BalanceLifetime)
        {
            var neverRead = purse.ReadAt == DateTimeOffset.MinValue;
            if (neverRead)
            {
                await purse.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (neverRead || purse.Gate.Wait(0, CancellationToken.None))
            {
                try
                {
                    if (time.GetUtcNow() - purse.ReadAt > options.BalanceLifetime)
                    {
                        await RefreshAsync(tenant, purse, cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    purse.Gate.Release();
                }
            }
        }

        lock (purse)
        {
            var available = purse.Balance - purse.Held - purse.Settled - purse.Journaled;
            if (available < nanos)
            {
                return new HoldResult(false, Math.Max(0, available));
            }

            purse.Held += nanos;
            return new HoldResult(true, available - nanos);
        }
    }

    /// <summary>What requests of <paramref name="tenant"/> in flight through this process hold now, in nanos.</summary>
    public long Held(string tenant)
    {
        if (!_purses.TryGetValue(tenant, out var purse))
        {
            return 0;
        }

        lock (purse)
        {
            return purse.Held;
        }
    }

    /// <summary>What <see cref="Held"/> is in minor units of <paramref name="currency"/>, rounded up.</summary>
    public long HeldMinor(string tenant, string currency)
    {
        var perMinor = TokenCosts.NanosPerUnit / (long)Math.Pow(10, Currencies.MinorDigits(currency));
        return (Held(tenant) + perMinor - 1) / perMinor;
    }

    /// <summary>Ends a hold of <paramref name="held"/> nanos: <paramref name="charged"/> of it was spent (its usage record is in the journal), the rest is free again.</summary>
    public void Release(string tenant, long held, long charged)
    {
        if (!_purses.TryGetValue(tenant, out var purse))
        {
            return;
        }

        lock (purse)
        {
            purse.Held -= held;
            purse.Journaled += charged;
        }
    }

    /// <summary>Counts <paramref name="nanos"/> of usage found in the journal at start, not yet in the store, against <paramref name="tenant"/>'s wallet.</summary>
    public void Journaled(string tenant, long nanos)
    {
        var purse = _purses.GetOrAdd(tenant, static _ => new Purse());
        lock (purse)
        {
            purse.Journaled += nanos;
        }
    }

    /// <summary>Moves <paramref name="nanos"/> of <paramref name="tenant"/>'s usage from the journal to the store (the writer committed it).</summary>
    public void Committed(string tenant, long nanos)
    {
        var purse = _purses.GetOrAdd(tenant, static _ => new Purse());
        lock (purse)
        {
            purse.Journaled -= nanos;
            purse.Settled += nanos;
        }
    }

    /// <summary>Forgets what was read of <paramref name="tenant"/>'s wallet, so the next hold reads it again (after a top-up, say).</summary>
    public void Invalidate(string tenant)
    {
        if (_purses.TryGetValue(tenant, out var purse))
        {
            lock (purse)
            {
                purse.ReadAt = DateTimeOffset.MinValue.AddTicks(1);
            }
        }
    }

    private async Task RefreshAsync(string tenant, Purse purse, CancellationToken cancellationToken)
    {
        long settledBefore;
        lock (purse)
        {
            settledBefore = purse.Settled;
        }

        var currency = market.Value.Currency;
        // What is due first, then the wallet: billing that commits between the two reads is then
        // counted twice (safe) rather than not at all.
        var due = await store.GetTokenDueAsync(tenant, cancellationToken).ConfigureAwait(false);
        var wallet = await store.GetBalanceAsync(Accounts.Wallet(tenant), currency, cancellationToken).ConfigureAwait(false);
        var perMinor = TokenCosts.NanosPerUnit / (long)Math.Pow(10, Currencies.MinorDigits(currency));
        lock (purse)
        {
            // Usage committed before the read began is in what was read; usage committed since may
            // not be, so it stays counted (at worst twice, which errs on the safe side). Usage
            // still in the journal is in no read and stays counted until the writer commits it.
            purse.Balance = (wallet.Balance * perMinor) - due;
            purse.Settled -= settledBefore;
            purse.ReadAt = time.GetUtcNow();
        }
    }

    // A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose; purses live as long as the process.
#pragma warning disable CA1001
    private sealed class Purse
    {
        public long Balance;
        public long Held;
        public long Settled;
        public long Journaled;
        public DateTimeOffset ReadAt = DateTimeOffset.MinValue;
        public readonly SemaphoreSlim Gate = new(1, 1);
    }
#pragma warning restore CA1001
}
