using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Admission;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Server.Auth;
using Suanwang.Server.Hosting;
using Suanwang.Server.Http;
using Suanwang.Server.Ledger;
using Suanwang.Server.Sites;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Accelerators;

namespace Suanwang.Server.Market;

/// <summary>
/// <c>/api/v1/orders</c>: an order pays for a job from the tenant's prepaid balance. The most the
/// job can cost is held when it is ordered (402 when the balance cannot cover it) and settled from
/// metered usage when it ends. Every order takes an <c>Idempotency-Key</c>: the same key and
/// request again returns the first order and changes nothing. A reserved block
/// (<c>{"block": {...}}</c>) is paid in full when ordered (see OrdersApi.Blocks.cs).
/// </summary>
internal static partial class OrdersApi
{
    /// <summary>The header that makes a retried order safe.</summary>
    public const string KeyHeader = "Idempotency-Key";


    /// <summary>Maps the routes onto <paramref name="api"/>.</summary>
    public static void MapOrdersApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/orders").WithTags("Market");
        group.MapPost("/", CreateAsync)
            .AcceptsSpec(orQuote: true)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Order a job (a job spec, or {\"quote\": id} as JSON) or a reserved block ({\"block\": {...}}), paid from the prepaid balance; needs an Idempotency-Key header");
        group.MapGet("/", ListAsync).ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("List orders, newest first");
        group.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Get an order");
    }

    /// <summary>Places an order for a job spec or a quote.</summary>
    public static async Task<Results<Created<OrderView>, Ok<OrderView>, ProblemHttpResult>> CreateAsync(
        HttpRequest request,
        HttpResponse response,
        Caller caller,
        IStore store,
        SiteDirectory directory,
        JobAdmission admission,
        RequestBodies bodies,
        SchedulerSignal signal,
        MarketOptions market, AcceleratorCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var key = request.Headers[KeyHeader].ToString();
        if (key.Length is 0 or > 255)
        {
            return Problems.BadField(KeyHeader, key.Length == 0
                ? "an order needs an Idempotency-Key header: a unique string you send again, unchanged, when you retry the same order"
                : "the Idempotency-Key is longer than 255 characters");
        }

        var (type, text, unread) = await SpecBodies.ReadAsync(request, bodies, cancellationToken).ConfigureAwait(false);
        if (unread is not null)
        {
            return unread;
        }

        var context = new OrderContext(caller, store, directory, admission, market, catalog, time, key, RequestFingerprint.Of(type!, text!), cancellationToken);
        var placed = type == "application/json" && NamesQuote(text!)
            ? await FromQuoteAsync(context, text!).ConfigureAwait(false)
            : await FromSpecAsync(context, text!).ConfigureAwait(false);
        if (placed.Problem is not null)
        {
            return placed.Problem;
        }

        var view = OrderViews.Of(placed.Order!);
        if (placed.Replayed)
        {
            response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(view);
        }

        signal.Notify();
        return TypedResults.Created($"{request.PathBase}/api/v1/orders/{view.Id}", view);
    }

    /// <summary>Orders newest first; a tenant key sees its own, an admin all or one tenant's.</summary>
    public static async Task<Results<Ok<IReadOnlyList<OrderView>>, ProblemHttpResult>> ListAsync(
        Caller caller, IStore store, string? tenant, string? before, string? limit, CancellationToken cancellationToken)
    {
        if (tenant is not null && !caller.Sees(tenant))
        {
            return Problems.Forbidden($"this key acts for tenant '{caller.Tenant}' only", "tenant");
        }

        var size = 100;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 1000))
        {
            return Problems.BadField("limit", $"'{limit}' is not a page size from 1 to 1000");
        }

        var orders = await store.ListOrdersAsync(caller.Admin ? tenant : caller.Tenant, size, before, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<OrderView>>(orders.Select(OrderViews.Of).ToList());
    }

    /// <summary>One order; someone else's is 404.</summary>
    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetAsync(string id, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        var order = await store.GetOrderAsync(id, cancellationToken).ConfigureAwait(false);
        return order is null || !caller.Sees(order.Tenant) ? Problems.NotFound("order", id) : TypedResults.Ok(OrderViews.Of(order));
    }

    private static bool NamesQuote(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && (document.RootElement.TryGetProperty("quote", out _) || document.RootElement.TryGetProperty("block", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task<Placed> FromSpecAsync(OrderContext context, string text)
    {
        var read = await context.Admission.ReadAsync(context.Caller.Actor, text, AdmissionPurpose.Order, context.CancellationToken).ConfigureAwait(false);
        if (read.Refused)
        {
            return Placed.Failed(Problems.Refused(read.Refusal));
        }

        var spec = read.Value.Spec;
        if (await ReplayAsync(context, spec.Tenant).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var reservation = await context.Admission.ReservationAsync(read.Value, context.CancellationToken).ConfigureAwait(false);
        return reservation.Refused
            ? Placed.Failed(Problems.Refused(reservation.Refusal))
            : await PlaceAsync(context, spec, text, reservation.Value, null, null).ConfigureAwait(false);
    }

    private static async Task<Placed> FromQuoteAsync(OrderContext context, string text)
    {
        var (body, problem) = RequestBodies.Parse<QuoteOrder>(text);
        if (problem is not null)
        {
            return Placed.Failed(problem);
        }

        if (body!.Block is { } block)
        {
            return body.Quote is null && body.Option is null
                ? await FromBlockAsync(context, block).ConfigureAwait(false)
                : Placed.Failed(Problems.BadField("block", "reserved blocks are ordered with {\"block\": ...} alone, without a quote"));
        }

        if (string.IsNullOrWhiteSpace(body.Quote))
        {
            return Placed.Failed(Problems.BadField("quote", "the quote id is empty"));
        }

        var quote = await context.Store.GetQuoteAsync(body.Quote, context.CancellationToken).ConfigureAwait(false);
        if (quote is null || !context.Caller.Sees(quote.Tenant))
        {
            return Placed.Failed(Problems.NotFound("quote", body.Quote));
        }

        if (await ReplayAsync(context, quote.Tenant).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        if (context.Time.GetUtcNow() >= quote.ExpiresAt)
        {
            return Placed.Failed(Problems.Gone($"quote '{quote.Id}' expired at {quote.ExpiresAt:u}; ask for a new one", "quote"));
        }

        var quoted = JsonSerializer.Deserialize<List<QuoteOptionView>>(quote.Options, ProtocolJson.Options) ?? [];
        var index = body.Option ?? 0;
        if (index < 0 || index >= quoted.Count)
        {
            return Placed.Failed(Problems.BadField("option", $"quote '{quote.Id}' has options 0 to {quoted.Count - 1}, not {index}"));
        }

        var option = quoted[index];
        if (option.Reserve is null || !MoneyText.TryParse(option.Reserve, context.Market.Currency, out var amount, out _))
        {
            return Placed.Failed(Problems.BadField("time_limit", "an order holds the most its job can cost, so the job needs a time_limit or a budget"));
        }

        var spec = JobSpecReader.Parse(quote.Spec, $"quote {quote.Id}", context.Catalog);
        return await PlaceAsync(context, spec, quote.Spec, amount, quote.Id, option.Site).ConfigureAwait(false);
    }

    private static async Task<Placed?> ReplayAsync(OrderContext context, string tenant)
    {
        var existing = await context.Store.FindOrderAsync(tenant, context.Key, context.CancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        return existing.RequestHash == context.Fingerprint ? Placed.Replay(existing) : Placed.Failed(Problems.KeyReused(context.Key));
    }

    private static async Task<Placed> PlaceAsync(OrderContext context, JobSpec spec, string text, long amount, string? quoteId, string? pinnedSite)
    {
        var order = new NewOrder(MarketIds.Order(), spec.Tenant, context.Key, context.Fingerprint, "job", quoteId, context.Market.Currency, amount);
        var job = new NewJob(spec, text, pinnedSite);
        var result = await context.Store.PlaceOrderAsync(order, job, context.Time.GetUtcNow(), context.CancellationToken).ConfigureAwait(false);
        return await OutcomeAsync(context, result, spec.Tenant, amount, "this order holds").ConfigureAwait(false);
    }

    /// <summary>What a placed order answers: 402 when the wallet could not pay <paramref name="amount"/>, the first order on a replay, else the new order.</summary>
    private static async Task<Placed> OutcomeAsync(OrderContext context, OrderResult result, string tenant, long amount, string needs)
    {
        if (result.Insufficient)
        {
            var balance = await LedgerApi.BalanceOfAsync(context.Store, context.Market, tenant, context.CancellationToken).ConfigureAwait(false);
            var required = context.Market.Text(amount);
            return Placed.Failed(Problems.PaymentRequired(
                $"tenant '{tenant}' has {balance.Available} {context.Market.Currency} available; {needs} {required} {context.Market.Currency}",
                balance.Available,
                required,
                context.Market.Currency));
        }

        if (result.Replayed)
        {
            // Another request with the same key won the race.
            return result.SameRequest ? Placed.Replay(result.Order!) : Placed.Failed(Problems.KeyReused(context.Key));
        }

        return new Placed(result.Order, false, null);
    }

    private sealed record OrderContext(Caller Caller, IStore Store, SiteDirectory Directory, JobAdmission Admission, MarketOptions Market, AcceleratorCatalog Catalog, TimeProvider Time, string Key, string Fingerprint, CancellationToken CancellationToken);

    private sealed record Placed(OrderRecord? Order, bool Replayed, ProblemHttpResult? Problem)
    {
        public static Placed Failed(ProblemHttpResult problem) => new(null, false, problem);

        public static Placed Replay(OrderRecord order) => new(order, true, null);
    }
}
