using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Market;
using Suanwang.Protocol.Market;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;
using Suanwang.Storage;

namespace Suanwang.Server.Market;

/// <summary>
/// <c>/api/v1/orders</c>: an order pays for a job from the tenant's prepaid balance. The most the
/// job can cost is held when it is ordered (402 when the balance cannot cover it) and settled from
/// metered usage when it ends. Every order takes an <c>Idempotency-Key</c>: the same key and
/// request again returns the first order and changes nothing. A reserved block
/// (<c>{"block": {...}}</c>) is paid in full when ordered (see OrdersApi.Blocks.cs).
/// </summary>
internal static class OrdersApi
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

    /// <summary>Places an order for a job spec, a quote's option or a reserved block.</summary>
    public static async Task<Results<Created<OrderView>, Ok<OrderView>, ProblemHttpResult>> CreateAsync(
        HttpRequest request,
        HttpResponse response,
        Caller caller,
        OrderDesk desk,
        RequestBodies bodies,
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

        var order = new OrderRequest(caller.Actor, key, RequestFingerprint.Of(type!, text!));
        Outcome<PlacedOrder> placed;
        if (type == "application/json" && NamesQuote(text!))
        {
            var (body, problem) = RequestBodies.Parse<QuoteOrder>(text!);
            if (problem is not null)
            {
                return problem;
            }

            placed = await desk.ForQuoteAsync(order, body!, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            placed = await desk.ForSpecAsync(order, text!, cancellationToken).ConfigureAwait(false);
        }

        if (placed.Refused)
        {
            return Problems.Refused(placed.Refusal);
        }

        var view = OrderViews.Of(placed.Value.Order);
        if (placed.Value.Replayed)
        {
            response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(view);
        }

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
}
