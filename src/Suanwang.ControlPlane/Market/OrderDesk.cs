using System.Text.Json;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Sites;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.ControlPlane.Market;

/// <summary>
/// Places orders: for a job spec, for an option of a quote, or for a reserved block. The most a
/// job can cost is held from the tenant's wallet in the transaction that stores the order and
/// submits the job; a retry with the same Idempotency-Key finds the first order.
/// </summary>
public sealed partial class OrderDesk(
    IStore store,
    SiteDirectory directory,
    JobAdmission admission,
    AcceleratorCatalog catalog,
    IOptions<MarketOptions> market,
    TimeProvider time,
    SchedulerSignal signal,
    TenantCaps caps,
    TenantLimitsDirectory limits)
{
    private MarketOptions Market => market.Value;

    /// <summary>Orders the job a spec describes, holding the most it can cost on the dearest pool it may land on.</summary>
    public async Task<Outcome<PlacedOrder>> ForSpecAsync(OrderRequest request, string text, CancellationToken cancellationToken)
    {
        var read = await admission.ReadAsync(request.Actor, text, AdmissionPurpose.Order, cancellationToken).ConfigureAwait(false);
        if (read.Refused)
        {
            return read.Refusal;
        }

        var spec = read.Value.Spec;
        if (await ReplayAsync(request, spec.Tenant, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var reservation = await admission.ReservationAsync(read.Value, cancellationToken).ConfigureAwait(false);
        return reservation.Refused
            ? reservation.Refusal
            : await PlaceJobAsync(request, spec, text, reservation.Value, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Orders a quote's option (the first by default), or a reserved block named in <paramref name="body"/>.</summary>
    public async Task<Outcome<PlacedOrder>> ForQuoteAsync(OrderRequest request, QuoteOrder body, CancellationToken cancellationToken)
    {
        if (body.Block is { } block)
        {
            return body.Quote is null && body.Option is null
                ? await ForBlockAsync(request, block, cancellationToken).ConfigureAwait(false)
                : Refusal.BadField("block", "reserved blocks are ordered with {\"block\": ...} alone, without a quote");
        }

        if (string.IsNullOrWhiteSpace(body.Quote))
        {
            return Refusal.BadField("quote", "the quote id is empty");
        }

        var quote = await store.GetQuoteAsync(body.Quote, cancellationToken).ConfigureAwait(false);
        if (quote is null || !request.Actor.Sees(quote.Tenant))
        {
            return new Refusal(RefusalKind.NotFound, $"quote '{body.Quote}' does not exist");
        }

        if (await ReplayAsync(request, quote.Tenant, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        if (time.GetUtcNow() >= quote.ExpiresAt)
        {
            return new Refusal(RefusalKind.Gone, $"quote '{quote.Id}' expired at {quote.ExpiresAt:u}; ask for a new one", "quote");
        }

        var quoted = JsonSerializer.Deserialize<List<QuoteOptionView>>(quote.Options, ProtocolJson.Options) ?? [];
        var index = body.Option ?? 0;
        if (index < 0 || index >= quoted.Count)
        {
            return Refusal.BadField("option", $"quote '{quote.Id}' has options 0 to {quoted.Count - 1}, not {index}");
        }

        var option = quoted[index];
        if (option.Reserve is null || !MoneyText.TryParse(option.Reserve, Market.Currency, out var amount, out _))
        {
            return Refusal.BadField("time_limit", "an order holds the most its job can cost, so the job needs a time_limit or a budget");
        }

        var spec = JobSpecReader.Parse(quote.Spec, $"quote {quote.Id}", catalog, quote.Tenant);
        return await PlaceJobAsync(request, spec, quote.Spec, amount, quote.Id, option.Site, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Outcome<PlacedOrder>?> ReplayAsync(OrderRequest request, string tenant, CancellationToken cancellationToken)
    {
        var existing = await store.FindOrderAsync(tenant, request.Key, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        return existing.RequestHash == request.Fingerprint ? new PlacedOrder(existing, true) : Refusal.KeyReused(request.Key);
    }

    private async Task<Outcome<PlacedOrder>> PlaceJobAsync(OrderRequest request, JobSpec spec, string text, long amount, string? quoteId, string? pinnedSite, CancellationToken cancellationToken)
    {
        var order = new NewOrder(MarketIds.Order(), spec.Tenant, request.Key, request.Fingerprint, "job", quoteId, Market.Currency, amount);
        var job = new NewJob(spec, text, pinnedSite);
        OrderResult result;
        using (var place = await limits.EnterAsync(spec.Tenant, cancellationToken).ConfigureAwait(false))
        {
            if (await caps.CheckAsync(request.Actor, spec, order: true, place, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                // A retry of an order already placed finds it, whatever the caps say now.
                return await ReplayAsync(request, spec.Tenant, cancellationToken).ConfigureAwait(false) ?? refusal;
            }

            place.Admit();
            result = await store.PlaceOrderAsync(order, job, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return await OutcomeAsync(request, result, spec.Tenant, amount, "this order holds", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What a placed order answers: 402 when the wallet could not pay <paramref name="amount"/>, the first order on a replay, else the new order.</summary>
    private async Task<Outcome<PlacedOrder>> OutcomeAsync(OrderRequest request, OrderResult result, string tenant, long amount, string needs, CancellationToken cancellationToken)
    {
        if (result.Insufficient)
        {
            var balance = await store.GetBalanceAsync(Accounts.Wallet(tenant), Market.Currency, cancellationToken).ConfigureAwait(false);
            var (available, required) = (Market.Text(balance.Balance), Market.Text(amount));
            return new Refusal(
                RefusalKind.PaymentRequired,
                $"tenant '{tenant}' has {available} {Market.Currency} available; {needs} {required} {Market.Currency}",
                "balance",
                Title: "Balance too low",
                Facts: new Dictionary<string, string>(StringComparer.Ordinal) { ["available"] = available, ["required"] = required, ["currency"] = Market.Currency });
        }

        if (result.Replayed)
        {
            // Another request with the same key won the race.
            return result.SameRequest ? new PlacedOrder(result.Order!, true) : Refusal.KeyReused(request.Key);
        }

        signal.Notify();
        return new PlacedOrder(result.Order!, false);
    }
}
