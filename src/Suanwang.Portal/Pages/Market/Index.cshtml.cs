using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Market;
using Suanwang.Portal.Market;
using Suanwang.Storage.Sites;

namespace Suanwang.Portal.Pages.Market;

/// <summary>The marketplace: every pool of every registered site, filtered and sorted as <c>GET /api/v1/offers</c> does.</summary>
public sealed class IndexModel(ISiteStore store, SiteDirectory directory, OfferCache cache, MarketOptions market, AcceleratorCatalog catalog, ClusterSnapshot snapshot, TimeProvider time) : PortalPage
{
    /// <summary>Most rows one page shows; the rest are counted.</summary>
    public const int MaxRows = 100;

    // Every filter is short: a longer value is refused, naming the field.
    private const int MaxValueLength = 64;

    private static readonly string[] s_fields =
    [
        OfferQuery.ModelField, OfferQuery.MinMemoryField, "country", "zone", OfferQuery.TierField, "max_price_per_card_hour",
        OfferQuery.MaxPriceField, OfferQuery.MaxCarbonField, OfferQuery.SpotField, OfferQuery.SortField, OfferQuery.OrderField,
    ];

    /// <summary>The filter values as sent, by field.</summary>
    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The matching offers, at most <see cref="MaxRows"/>.</summary>
    public IReadOnlyList<Offer> Offers { get; private set; } = [];

    /// <summary>How many offers match in all.</summary>
    public int Matching { get; private set; }

    /// <summary>The accelerator models offered anywhere, for the model filter.</summary>
    public IReadOnlyList<string> Models { get; private set; } = [];

    /// <summary>The network's base currency.</summary>
    public string BaseCurrency => market.Currency;

    /// <summary>The field a refused filter names, and why.</summary>
    public (string Field, string Message)? Problem { get; private set; }

    /// <summary>Whether the query compares spot prices.</summary>
    public bool Spot { get; private set; }

    /// <summary>Free cards at a site now, when the scheduler has published them.</summary>
    public int? Free(string site) => snapshot.FreeCards(site);

    /// <summary>Lists the offers; a bad filter answers 400 with the field named.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        foreach (var field in s_fields)
        {
            var value = Request.Query[field].ToString();
            Values[field] = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        var records = await store.ListSitesAsync(cancellationToken).ConfigureAwait(false);
        var all = cache.Of(directory.ViewOf(records), time.GetUtcNow());
        Models = all.Select(o => o.Model).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (Refuse() is { } refused)
        {
            Problem = refused;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var values = new Dictionary<string, string?>(Values, StringComparer.Ordinal)
        {
            [OfferQuery.JurisdictionField] = Values["country"] is { } country ? Values["zone"] is { } zone ? $"{country}:{zone}" : country : null,
        };
        if (!OfferQuery.TryParse(values, out var query, out var error, catalog))
        {
            Problem = (error.Field ?? "query", error.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Spot = query.Spot;
        var offers = query.Apply(all);
        if (CardHourCap() is { } cap)
        {
            offers = offers.Where(o => BaseCardHour(o, Spot) <= cap).ToList();
        }

        Matching = offers.Count;
        Offers = offers.Take(MaxRows).ToList();
        return Page();
    }

    /// <summary>The offer's price per card-hour in the base currency (spot or on-demand).</summary>
    public static decimal BaseCardHour(Offer offer, bool spot) => offer.BasePrice(spot) * (decimal)offer.Pflops;

    private (string, string)? Refuse()
    {
        foreach (var (field, value) in Values)
        {
            if (value is { Length: > MaxValueLength })
            {
                return (field, $"longer than {MaxValueLength} characters");
            }
        }

        if (Values["zone"] is not null && Values["country"] is null)
        {
            return ("zone", "a zone needs its country");
        }

        if (Values["max_price_per_card_hour"] is { } text && CardHourCap() is null)
        {
            return ("max_price_per_card_hour", $"'{text}' is not a decimal amount at least 0, such as 12.50");
        }

        return null;
    }

    private decimal? CardHourCap() =>
        Values["max_price_per_card_hour"] is { } text && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cap) ? cap : null;
}
