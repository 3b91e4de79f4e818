using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Market;
using Suanwang.Protocol.Market;
using Suanwang.Server.Hosting;
using Suanwang.Server.Http;
using Suanwang.Server.Sites;
using Suanwang.Storage;

namespace Suanwang.Server.Market;

/// <summary><c>GET /api/v1/offers</c>: every pool of every registered site with its prices, searchable like a marketplace.</summary>
internal static class OffersApi
{
    /// <summary>Maps the route onto <paramref name="api"/>.</summary>
    public static void MapOffersApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/offers", ListAsync)
            .WithTags("Market")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Offers: filter by model, min_memory_gib, jurisdiction, tier, max_price_per_p_hour (base currency), max_carbon, spot; sort by price, carbon, memory, pflops or cards; order asc or desc");

    /// <summary>The offers that match the query, sorted.</summary>
    public static async Task<Results<Ok<IReadOnlyList<OfferView>>, ProblemHttpResult>> ListAsync(
        HttpRequest request, IStore store, SiteDirectory directory, MarketOptions market, AcceleratorCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var values = request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        if (!OfferQuery.TryParse(values, out var query, out var error, catalog))
        {
            return Problems.Invalid(error, "Invalid offer query");
        }

        var sites = await store.ListSitesAsync(cancellationToken).ConfigureAwait(false);
        var network = directory.ViewOf(sites).Network;
        var offers = query.Apply(OfferBook.From(network, time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0));
        return TypedResults.Ok<IReadOnlyList<OfferView>>(offers.Select(o => View(o, market.Currency)).ToList());
    }

    private static OfferView View(Offer offer, string baseCurrency) => new(
        offer.SiteId,
        offer.Owner,
        offer.Jurisdiction,
        offer.Tier,
        offer.Pool,
        offer.Model,
        offer.MemoryGiB,
        offer.Pflops,
        offer.Cards,
        offer.Currency,
        Price(offer.PricePerCardHour),
        Price(offer.SpotPricePerCardHour),
        Price(offer.PricePerPetaflopHour),
        Price(offer.SpotPricePerPetaflopHour),
        baseCurrency,
        Price(offer.BasePricePerPetaflopHour),
        Price(offer.BaseSpotPricePerPetaflopHour),
        Math.Round(offer.CarbonGramsPerKwh, 1),
        offer.Blocks.Select((b, i) => new BlockView(i, b.Cards, b.Hours, Price(b.PricePerCardHour), Price(b.Total))).ToList());

    // Prices per P·h have many decimals; four are plenty to compare and to read.
    private static string Price(decimal value) => decimal.Round(value, 4).ToString("0.00##", CultureInfo.InvariantCulture);
}
