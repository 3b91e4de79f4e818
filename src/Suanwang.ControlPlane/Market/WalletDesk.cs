using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Tenants;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Core.Market;
using Suanwang.Core.Schemas;
using Suanwang.Protocol.Market;
using Suanwang.Storage;

namespace Suanwang.ControlPlane.Market;

/// <summary>
/// Money an admin puts into a tenant's wallet: top-ups (any published currency, converted at its
/// rate) and refunds (the base currency, out of the platform's revenue). A retry with the same
/// Idempotency-Key finds the first posting; the same key with another request is refused.
/// </summary>
public sealed class WalletDesk(IStore store, IOptions<MarketOptions> market, TimeProvider time, TokenWallets? tokens = null)
{
    /// <summary>Most characters in a posting's memo.</summary>
    public const int MaxMemoLength = 500;

    /// <summary>Most characters in an Idempotency-Key.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>Credits <paramref name="tenant"/>'s wallet with <paramref name="body"/>; nothing is written when it is refused.</summary>
    public Task<Outcome<WalletPosted>> TopUpAsync(string tenant, NewTopUp body, string? idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync(tenant, body, idempotencyKey, null, cancellationToken);

    /// <summary>Gives <paramref name="body"/> back to <paramref name="tenant"/> from the platform's revenue, in the base currency.</summary>
    public Task<Outcome<WalletPosted>> RefundAsync(string tenant, NewTopUp body, string? idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync(tenant, body, idempotencyKey, "refunds", cancellationToken);

    /// <summary>The amount of <paramref name="body"/> in minor units of its currency, or the refusal naming the field at fault.</summary>
    /// <param name="body">What was sent.</param>
    /// <param name="idempotencyKey">The request's Idempotency-Key, if any.</param>
    /// <param name="baseOnly">What may be paid only in the base currency (refunds, payouts); null for any published currency.</param>
    public Outcome<long> Read(NewTopUp body, string? idempotencyKey, string? baseOnly)
    {
        ArgumentNullException.ThrowIfNull(body);
        var options = market.Value;
        if (!Currencies.IsCode(body.Currency) || options.RateOf(body.Currency) is null)
        {
            return Refusal.BadField("currency", $"'{body.Currency}' is not a currency this server takes; use one of {options.Accepted()}");
        }

        // The strict form of an amount, as in job specs: digits and a point, no sign, no exponent.
        if (body.Amount is ['+' or '-', ..])
        {
            return Refusal.BadField("amount", $"'{body.Amount}' has a sign; write the amount as digits with an optional decimal point, for example \"100.00\"");
        }

        if (body.Memo is not null && PlainText.NameProblem(body.Memo, MaxMemoLength) is { } memoProblem)
        {
            return Refusal.BadField("memo", $"the memo {memoProblem}");
        }

        if (!MoneyText.TryParse(body.Amount, body.Currency, out var amount, out var error))
        {
            return Refusal.BadField("amount", error);
        }

        if (amount <= 0)
        {
            return Refusal.BadField("amount", $"the amount must be above zero, not {body.Amount}");
        }

        if (idempotencyKey is { Length: > MaxKeyLength })
        {
            return Refusal.BadField("Idempotency-Key", $"the key is longer than {MaxKeyLength} characters");
        }

        return baseOnly is not null && body.Currency != options.Currency
            ? Refusal.BadField("currency", $"{baseOnly} are in the base currency {options.Currency}")
            : amount;
    }

    /// <summary>The tenant's balance in the base currency: what it may spend (its wallet less what token requests in flight hold), what open orders hold and what token requests hold.</summary>
    public async Task<BalanceView> BalanceAsync(string tenant, CancellationToken cancellationToken)
    {
        var options = market.Value;
        var available = await store.GetBalanceAsync(Accounts.Wallet(tenant), options.Currency, cancellationToken).ConfigureAwait(false);
        var reserved = await store.GetBalanceAsync(Accounts.Hold(tenant), options.Currency, cancellationToken).ConfigureAwait(false);
        var tokensHeld = tokens?.HeldMinor(tenant, options.Currency) ?? 0;
        return new BalanceView(tenant, options.Text(available.Balance - tokensHeld), options.Text(reserved.Balance), options.Currency, options.Text(tokensHeld));
    }

    /// <summary>
    /// Whether the posting an Idempotency-Key found is the one <paramref name="posting"/> would make.
    /// Lines in the body's currency are compared, not converted ones, so a retry after the exchange
    /// rate changed is still the same request.
    /// </summary>
    public async Task<bool> SameRequestAsync(long postingId, Posting posting, string currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posting);
        var prior = await store.GetPostingLinesAsync(postingId, cancellationToken).ConfigureAwait(false);
        if (prior.Count == 0 || prior.Any(l => l.Kind != posting.Kind || l.Memo != posting.Memo || l.Tenant != posting.Tenant))
        {
            return false;
        }

        var before = prior.Where(l => l.Currency == currency).Select(l => (l.Account, l.Amount)).OrderBy(l => l.Account, StringComparer.Ordinal).ThenBy(l => l.Amount);
        var now = posting.Lines.Where(l => l.Currency == currency).Select(l => (l.Account, l.Amount)).OrderBy(l => l.Account, StringComparer.Ordinal).ThenBy(l => l.Amount);
        return before.SequenceEqual(now);
    }

    private async Task<Outcome<WalletPosted>> PostAsync(string tenant, NewTopUp body, string? idempotencyKey, string? baseOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var read = Read(body, idempotencyKey, baseOnly);
        if (read.Refused)
        {
            return read.Refusal!;
        }

        // A tenant id that could never name a tenant ("acme\n") is the caller's mistake: refused before anything is read or written.
        if (TenantDirectory.IdProblem(tenant) is { } tenantProblem)
        {
            return Refusal.BadField("tenant", tenantProblem);
        }

        if (await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            return new Refusal(RefusalKind.NotFound, $"tenant '{tenant}' does not exist");
        }

        var options = market.Value;
        var amount = read.Value;
        Posting posting;
        if (baseOnly is null)
        {
            try
            {
                posting = Postings.TopUp(tenant, amount, body.Currency, options.Currency, options.RateOf(body.Currency)!.Value, body.Memo ?? $"top-up {MinorUnits.Format(amount, body.Currency)} {body.Currency}");
            }
            catch (ArgumentException ex)
            {
                return Refusal.BadField("amount", ex.Message);
            }
        }
        else
        {
            posting = Postings.Refund(tenant, amount, body.Currency, body.Memo ?? "refund");
        }

        var key = string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey;
        var result = await store.PostAsync(posting, key, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (result.Insufficient)
        {
            return new Refusal(RefusalKind.Unprocessable, "the posting would take an account below zero", Title: "Posting refused");
        }

        if (result.Replayed && !await SameRequestAsync(result.PostingId, posting, body.Currency, cancellationToken).ConfigureAwait(false))
        {
            return Refusal.KeyReused(idempotencyKey!);
        }

        var credited = posting.Lines.Single(l => l.Account == Accounts.Wallet(tenant)).Amount;
        var view = new TopUpResult(
            result.PostingId,
            tenant,
            MinorUnits.Format(amount, body.Currency),
            body.Currency,
            options.Text(credited),
            await BalanceAsync(tenant, cancellationToken).ConfigureAwait(false));
        return new WalletPosted(view, result.Replayed);
    }
}
