using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Market;

/// <summary>Reading a query from raw strings (an HTTP query string, command-line options).</summary>
public sealed partial record OfferQuery
{
    /// <summary>Name of the accelerator model parameter.</summary>
    public const string ModelField = "model";

    /// <summary>Name of the least-memory parameter.</summary>
    public const string MinMemoryField = "min_memory_gib";

    /// <summary>Name of the jurisdiction parameter.</summary>
    public const string JurisdictionField = "jurisdiction";

    /// <summary>Name of the tier parameter.</summary>
    public const string TierField = "tier";

    /// <summary>Name of the price cap parameter (base currency per P·h).</summary>
    public const string MaxPriceField = "max_price_per_p_hour";

    /// <summary>Name of the carbon cap parameter.</summary>
    public const string MaxCarbonField = "max_carbon";

    /// <summary>Name of the spot parameter.</summary>
    public const string SpotField = "spot";

    /// <summary>Name of the sort key parameter.</summary>
    public const string SortField = "sort";

    /// <summary>Name of the order parameter (<c>asc</c> or <c>desc</c>).</summary>
    public const string OrderField = "order";

    /// <summary>
    /// Reads a query from parameter values by name (<c>model</c>, <c>min_memory_gib</c>,
    /// <c>jurisdiction</c>, <c>tier</c>, <c>max_price_per_p_hour</c>, <c>max_carbon</c>,
    /// <c>spot</c>, <c>sort</c>, <c>order</c>). A missing, null or blank value means the default;
    /// other names are ignored so callers may share the query string with paging parameters.
    /// With a <paramref name="catalog"/>, the model may be an alias and is stored as the catalog id.
    /// On failure returns false with an error naming <paramref name="source"/> and the parameter.
    /// </summary>
    public static bool TryParse(
        IReadOnlyDictionary<string, string?> values,
        [NotNullWhen(true)] out OfferQuery? query,
        [NotNullWhen(false)] out InputError? error,
        AcceleratorCatalog? catalog = null,
        string source = "query")
    {
        ArgumentNullException.ThrowIfNull(values);
        query = null;
        error = null;
        InputError Fail(string field, string message) => new(source, 0, field, message);

        string? Value(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var model = Value(ModelField);
        if (model is not null && catalog is not null)
        {
            if (!catalog.TryGet(model, out var resolved))
            {
                error = Fail(ModelField, $"'{model}' is not in the accelerator catalog");
                return false;
            }

            model = resolved.Id;
        }

        double? memory = null;
        if (Value(MinMemoryField) is { } memoryText)
        {
            if (!TryNumber(memoryText, out var m))
            {
                error = Fail(MinMemoryField, $"'{memoryText}' is not a number of GiB at least 0");
                return false;
            }

            memory = m;
        }

        Jurisdiction? jurisdiction = null;
        if (Value(JurisdictionField) is { } jurisdictionText)
        {
            jurisdiction = ParseJurisdiction(jurisdictionText, out var reason);
            if (jurisdiction is null)
            {
                error = Fail(JurisdictionField, $"'{jurisdictionText}': {reason}");
                return false;
            }
        }

        SiteTier? tier = null;
        if (Value(TierField) is { } tierText)
        {
            if (!Enum.TryParse<SiteTier>(tierText, ignoreCase: true, out var t) || !Enum.IsDefined(t) || !tierText.All(char.IsAsciiLetter))
            {
                error = Fail(TierField, $"'{tierText}' is not one of core, hub, edge, orbital");
                return false;
            }

            tier = t;
        }

        decimal? price = null;
        if (Value(MaxPriceField) is { } priceText)
        {
            // Plain decimals only, as in network files: no exponent, no thousands separator.
            if (!decimal.TryParse(priceText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p))
            {
                error = Fail(MaxPriceField, $"'{priceText}' is not a decimal amount at least 0, such as 12.50");
                return false;
            }

            price = p;
        }

        double? carbon = null;
        if (Value(MaxCarbonField) is { } carbonText)
        {
            if (!TryNumber(carbonText, out var c))
            {
                error = Fail(MaxCarbonField, $"'{carbonText}' is not a number of gCO2/kWh at least 0");
                return false;
            }

            carbon = c;
        }

        var spot = false;
        if (Value(SpotField) is { } spotText)
        {
            switch (spotText.ToLowerInvariant())
            {
                case "true" or "yes" or "1":
                    spot = true;
                    break;
                case "false" or "no" or "0":
                    break;
                default:
                    error = Fail(SpotField, $"'{spotText}' is not true or false");
                    return false;
            }
        }

        var sort = SortByPrice;
        if (Value(SortField) is { } sortText)
        {
            sort = sortText.ToLowerInvariant();
            if (!SortKeys.Contains(sort))
            {
                error = Fail(SortField, $"'{sortText}' is not one of {string.Join(", ", SortKeys)}");
                return false;
            }
        }

        var descending = false;
        if (Value(OrderField) is { } orderText)
        {
            switch (orderText.ToLowerInvariant())
            {
                case "asc":
                    break;
                case "desc":
                    descending = true;
                    break;
                default:
                    error = Fail(OrderField, $"'{orderText}' is not asc or desc");
                    return false;
            }
        }

        query = new OfferQuery(model, memory, jurisdiction, tier, price, carbon, spot, sort, descending);
        return true;
    }

    /// <summary>As <see cref="TryParse"/>, but throws <see cref="InputException"/> carrying the error.</summary>
    public static OfferQuery Parse(IReadOnlyDictionary<string, string?> values, AcceleratorCatalog? catalog = null, string source = "query") =>
        TryParse(values, out var query, out var error, catalog, source) ? query : throw new InputException(error);

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value >= 0;

    /// <summary><c>CN</c>, <c>CN:tianjin-ftz</c> or, easier to type in a URL, <c>CN-tianjin-ftz</c>.</summary>
    private static Jurisdiction? ParseJurisdiction(string text, out string? reason)
    {
        if (text.Length > 3 && text[2] == '-' && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]))
        {
            text = string.Concat(text.AsSpan(0, 2), ":", text.AsSpan(3));
        }

        return Sites.Jurisdiction.TryParse(text, out reason);
    }
}
