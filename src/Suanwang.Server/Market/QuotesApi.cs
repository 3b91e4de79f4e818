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
using Suanwang.Storage.Market;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Accelerators;

namespace Suanwang.Server.Market;

/// <summary>
/// <c>/api/v1/quotes</c>: the best places to run a job now, each with price, expected start and
/// finish and kg CO2, and what an order of it would hold; orderable by id until it expires.
/// </summary>
internal static class QuotesApi
{
    private const int Options = 5;

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
        HttpRequest request, Caller caller, IStore store, JobAdmission admission, QuoteDesk desk, RequestBodies bodies, MarketOptions market, CancellationToken cancellationToken)
    {
        var (_, text, unread) = await SpecBodies.ReadAsync(request, bodies, cancellationToken).ConfigureAwait(false);
        if (unread is not null)
        {
            return unread;
        }

        var read = await admission.ReadAsync(caller.Actor, text!, AdmissionPurpose.Quote, cancellationToken).ConfigureAwait(false);
        if (read.Refused)
        {
            return Problems.Refused(read.Refusal);
        }

        var placeable = await admission.PlaceableAsync(read.Value, cancellationToken).ConfigureAwait(false);
        if (placeable.Refused)
        {
            return Problems.Refused(placeable.Refusal);
        }

        var (spec, at) = (read.Value.Spec, read.Value.At);
        IReadOnlyList<QuotedPlace> places;
        try
        {
            places = desk.Quote(spec, placeable.Value, read.Value.Now, Options, JobAdmission.Source);
        }
        catch (InputException ex)
        {
            return Problems.Invalid(ex.Error, "Invalid job spec");
        }

        if (places.Count == 0)
        {
            return Problems.Unschedulable("no site can run the job within its budget");
        }

        var quoted = places.Select(p => Option(p, spec, market, at)).ToList();
        var quote = new QuoteRecord(MarketIds.Quote(), spec.Tenant, text!, JsonSerializer.Serialize(quoted, ProtocolJson.Options), at, at + market.QuoteLifetime);
        await store.SaveQuoteAsync(quote, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"{request.PathBase}/api/v1/quotes/{quote.Id}", View(quote, quoted, market));
    }

    /// <summary>A quote; someone else's is 404.</summary>
    public static async Task<Results<Ok<QuoteView>, ProblemHttpResult>> GetAsync(string id, Caller caller, IStore store, MarketOptions market, CancellationToken cancellationToken)
    {
        var quote = await store.GetQuoteAsync(id, cancellationToken).ConfigureAwait(false);
        if (quote is null || !caller.Sees(quote.Tenant))
        {
            return Problems.NotFound("quote", id);
        }

        var quoted = JsonSerializer.Deserialize<List<QuoteOptionView>>(quote.Options, ProtocolJson.Options) ?? [];
        return TypedResults.Ok(View(quote, quoted, market));
    }

    private static QuoteView View(QuoteRecord quote, IReadOnlyList<QuoteOptionView> quoted, MarketOptions market) =>
        new(quote.Id, quote.Tenant, quote.CreatedAt, quote.ExpiresAt, market.Currency, quoted);

    private static QuoteOptionView Option(QuotedPlace place, JobSpec spec, MarketOptions market, DateTimeOffset at)
    {
        var o = place.Option;
        var rate = market.RateOf(o.Currency) ?? 1m;
        var (reserve, _, error) = Reservations.For(spec, o.PricePerCardHour * rate * o.Cards, c => market.RateOf(c), market.Currency);
        var epoch = at.ToUnixTimeMilliseconds() / 1000.0;
        return new QuoteOptionView(
            place.Site,
            place.Pool,
            place.Model,
            o.Cards,
            o.PricePerCardHour.ToString(CultureInfo.InvariantCulture),
            o.Currency,
            MinorUnits.Format(MinorUnits.Round(o.PricePerCardHour * rate * o.Cards * (decimal)(o.RuntimeSeconds / 3600.0), market.Currency), market.Currency),
            error is null ? MinorUnits.Format(reserve, market.Currency) : null,
            at.AddSeconds(Math.Max(0, o.StartSeconds - epoch)),
            at.AddSeconds(Math.Max(0, o.FinishSeconds - epoch)),
            Math.Round(o.KgCo2, 3));
    }
}
