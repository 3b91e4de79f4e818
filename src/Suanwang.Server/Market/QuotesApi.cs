using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Market;
using Suanwang.Protocol.Market;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;

namespace Suanwang.Server.Market;

/// <summary>
/// <c>/api/v1/quotes</c>: the best places to run a job now, each with price, expected start and
/// finish and kg CO2, and what an order of it would hold; orderable by id until it expires.
/// </summary>
internal static class QuotesApi
{

    /// <summary>Maps the routes onto <paramref name="api"/>.</summary>
    public static void MapQuotesApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/quotes").WithTags("Market");
        group.MapPost("/", CreateAsync)
            .AcceptsSpec()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Quote a job spec: the best places with price, expected start and finish, and kg CO2");
        group.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Get a quote");
    }

    /// <summary>Quotes a spec and keeps the quote for <see cref="MarketOptions.QuoteLifetime"/>.</summary>
    public static async Task<Results<Created<QuoteView>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, Caller caller, QuoteDesk desk, RequestBodies bodies, MarketOptions market, CancellationToken cancellationToken)
    {
        var (_, text, unread) = await SpecBodies.ReadAsync(request, bodies, cancellationToken).ConfigureAwait(false);
        if (unread is not null)
        {
            return unread;
        }

        var quoted = await desk.QuoteAsync(caller.Actor, text!, cancellationToken).ConfigureAwait(false);
        return quoted.Refused
            ? Problems.Refused(quoted.Refusal)
            : TypedResults.Created($"{request.PathBase}/api/v1/quotes/{quoted.Value.Record.Id}", View(quoted.Value, market));
    }

    /// <summary>A quote; someone else's is 404.</summary>
    public static async Task<Results<Ok<QuoteView>, ProblemHttpResult>> GetAsync(string id, Caller caller, QuoteDesk desk, MarketOptions market, CancellationToken cancellationToken) =>
        await desk.GetAsync(caller.Actor, id, cancellationToken).ConfigureAwait(false) is { } quoted
            ? TypedResults.Ok(View(quoted, market))
            : Problems.NotFound("quote", id);

    private static QuoteView View(QuotedSpec quoted, MarketOptions market) =>
        new(quoted.Record.Id, quoted.Record.Tenant, quoted.Record.CreatedAt, quoted.Record.ExpiresAt, market.Currency, quoted.Options);
}
