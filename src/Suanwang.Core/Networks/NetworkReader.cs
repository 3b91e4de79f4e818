using System.Globalization;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Sites;
using Suanwang.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Suanwang.Core.Networks;

/// <summary>Reads a network file (YAML); every error names the file, line and field. See docs/formats/network.md.</summary>
public static class NetworkReader
{
    /// <summary>Parses network YAML text; <paramref name="source"/> is the file name used in errors.</summary>
    public static Network Parse(string yaml, string source, AcceleratorCatalog catalog)
    {
        var root = YamlText.LoadRoot(yaml, source);
        root.RejectUnknown("name", "currency", "exchange_rates", "sites", "links");
        var name = root.RequiredString("name");
        var currency = ReadCurrency(root, "currency");
        var rates = ReadRates(root, currency);

        var siteMaps = root.MapSequence("sites");
        if (siteMaps.Count == 0)
        {
            throw root.Error("sites", "a network needs at least one site");
        }

        var sites = new List<Site>(siteMaps.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var map in siteMaps)
        {
            var site = ReadSite(map, catalog, currency, rates);
            if (!ids.Add(site.Id))
            {
                throw map.Error("id", $"site id '{site.Id}' is used twice");
            }

            sites.Add(site);
        }

        var links = new List<SiteLink>();
        foreach (var map in root.MapSequence("links"))
        {
            var link = ReadLink(map, ids);
            if (links.Any(l => l.Joins(link.A, link.B)))
            {
                throw map.Error("sites", $"'{link.A}' and '{link.B}' are already linked; give one link per pair of sites");
            }

            links.Add(link);
        }

        foreach (var site in sites.Where(s => s.Tier == SiteTier.Orbital))
        {
            if (!links.Any(l => l.A == site.Id || l.B == site.Id))
            {
                var map = siteMaps[sites.IndexOf(site)];
                throw map.Error("tier", $"orbital site '{site.Id}' has no link to any other site, so nothing can reach it");
            }
        }

        return new Network(name, currency, rates, sites, links, catalog);
    }

    /// <summary>
    /// Parses one site in the network file's site format (what an agent registers); pool prices in
    /// a currency other than <paramref name="currency"/> need a rate in <paramref name="exchangeRates"/>.
    /// An orbital site needs links, which only a network file gives, so it is rejected here.
    /// </summary>
    public static Site ParseSite(string yaml, string source, AcceleratorCatalog catalog, string currency = "CNY", IReadOnlyDictionary<string, decimal>? exchangeRates = null)
    {
        var map = YamlText.LoadRoot(yaml, source);
        var rates = exchangeRates is null ? [] : new Dictionary<string, decimal>(exchangeRates, StringComparer.Ordinal);
        var site = ReadSite(map, catalog, currency, rates);
        if (site.Tier == SiteTier.Orbital)
        {
            throw map.Error("tier", $"orbital site '{site.Id}' needs links to reach it; describe it in a network file");
        }

        return site;
    }

    private static string ReadCurrency(YamlMap map, string key)
    {
        var text = map.RequiredString(key);
        return IsCurrencyCode(text) ? text : throw map.Error(key, $"'{text}' is not an ISO 4217 currency code such as CNY or USD");
    }

    private static bool IsCurrencyCode(string text) => text.Length == 3 && text.All(char.IsAsciiLetterUpper);

    private static Dictionary<string, decimal> ReadRates(YamlMap root, string currency)
    {
        var rates = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var map = root.OptionalMap("exchange_rates");
        if (map is null)
        {
            return rates;
        }

        foreach (var entry in map.Entries)
        {
            var code = map.Scalar(entry.Key, map.Path);
            if (!IsCurrencyCode(code) || code == currency)
            {
                throw map.ErrorAt(entry.Key, map.FieldPath(code), $"'{code}' must be an ISO 4217 code other than the base currency {currency}");
            }

            rates[code] = map.RequiredDecimal(code, 0.000001m);
        }

        return rates;
    }

    private static Site ReadSite(YamlMap map, AcceleratorCatalog catalog, string currency, Dictionary<string, decimal> rates)
    {
        map.RejectUnknown("id", "owner", "jurisdiction", "tier", "location", "carbon", "green_share", "uplink_gbps", "reliability", "pools");
        var id = map.RequiredString("id");
        var jurisdictionText = map.RequiredString("jurisdiction");
        var jurisdiction = Jurisdiction.TryParse(jurisdictionText, out var reason) ?? throw map.Error("jurisdiction", reason!);
        var tierText = map.RequiredString("tier");
        var tier = tierText.ToLowerInvariant() switch
        {
            "core" => SiteTier.Core,
            "hub" => SiteTier.Hub,
            "edge" => SiteTier.Edge,
            "orbital" => SiteTier.Orbital,
            _ => throw map.Error("tier", $"'{tierText}' is not one of core, hub, edge, orbital"),
        };

        var location = new GeoLocation(0, 0);
        var loc = map.OptionalMap("location");
        if (loc is not null)
        {
            loc.RejectUnknown("lat", "lon");
            location = new GeoLocation(loc.RequiredDouble("lat", -90, 90), loc.RequiredDouble("lon", -180, 180));
        }

        Reliability? reliability = null;
        var rel = map.OptionalMap("reliability");
        if (rel is not null)
        {
            rel.RejectUnknown("mtbf_hours", "mttr_hours");
            reliability = new Reliability(rel.RequiredDouble("mtbf_hours", 0.01, 1e7), rel.RequiredDouble("mttr_hours", 0.001, 1e6));
        }

        var poolMaps = map.MapSequence("pools");
        if (poolMaps.Count == 0)
        {
            throw map.Error("pools", $"site '{id}' has no accelerator pools");
        }

        var pools = poolMaps.Select(p => ReadPool(p, catalog, currency, rates)).ToList();
        return new Site(
            id,
            map.RequiredString("owner"),
            jurisdiction,
            tier,
            location,
            ReadCarbon(map),
            map.OptionalDouble("green_share", 0, 0, 1),
            pools,
            map.OptionalDouble("uplink_gbps", 10, 0.001, 1e6),
            reliability);
    }

    private static CarbonProfile ReadCarbon(YamlMap map)
    {
        if (!map.TryGet("carbon", out var node))
        {
            throw map.Error("carbon", "required field is missing (gCO2/kWh, a number or a profile)");
        }

        if (node is YamlScalarNode)
        {
            return CarbonProfile.Constant(map.RequiredDouble("carbon", 0, 5000));
        }

        var carbon = map.RequiredMap("carbon");
        carbon.RejectUnknown("period_hours", "points");
        var period = carbon.OptionalDouble("period_hours", 0, 0, 24 * 366) * 3600;
        var items = carbon.MapSequence("points");
        if (items.Count == 0)
        {
            throw carbon.Error("points", "a carbon profile needs at least one point");
        }

        var points = new List<CarbonPoint>(items.Count);
        foreach (var item in items)
        {
            item.RejectUnknown("at_hour", "gco2_per_kwh");
            var at = item.RequiredDouble("at_hour", 0, 1e7) * 3600;
            if (points.Count == 0 && at != 0)
            {
                throw item.Error("at_hour", "the first point must be at hour 0");
            }

            if (points.Count > 0 && at <= points[^1].AtSeconds)
            {
                throw item.Error("at_hour", "points must be in increasing hour order");
            }

            if (period > 0 && at >= period)
            {
                throw item.Error("at_hour", "a point lies beyond period_hours");
            }

            points.Add(new CarbonPoint(at, item.RequiredDouble("gco2_per_kwh", 0, 5000)));
        }

        return new CarbonProfile(points, period);
    }

    private static AcceleratorPool ReadPool(YamlMap map, AcceleratorCatalog catalog, string currency, Dictionary<string, decimal> rates)
    {
        map.RejectUnknown("model", "cards_per_node", "nodes", "price", "spot_price", "currency", "reserved");
        var modelName = map.RequiredString("model");
        if (!catalog.TryGet(modelName, out var model))
        {
            throw map.Error("model", $"'{modelName}' is not in the accelerator catalog; known: {string.Join(", ", catalog.Models.Select(m => m.Id))}");
        }

        var poolCurrency = map.Has("currency") ? ReadCurrency(map, "currency") : currency;
        if (poolCurrency != currency && !rates.ContainsKey(poolCurrency))
        {
            throw map.Error("currency", $"no exchange rate for {poolCurrency}; add it under exchange_rates");
        }

        var price = map.RequiredDecimal("price", 0m);
        var spot = map.OptionalDecimal("spot_price", 0m) ?? price;
        if (spot > price)
        {
            throw map.Error("spot_price", "the spot price may not exceed the on-demand price");
        }

        var pool = new AcceleratorPool(
            model,
            map.RequiredInt("cards_per_node", 1, 64),
            map.RequiredInt("nodes", 1, 1_000_000),
            price,
            spot,
            poolCurrency);
        return map.Has("reserved") ? pool with { Blocks = ReadBlocks(map, pool) } : pool;
    }

    private static List<ReservedBlock> ReadBlocks(YamlMap map, AcceleratorPool pool)
    {
        var items = map.MapSequence("reserved");
        var blocks = new List<ReservedBlock>(items.Count);
        foreach (var item in items)
        {
            item.RejectUnknown("cards", "hours", "price");
            var cards = item.RequiredInt("cards", 1, int.MaxValue);
            if (cards > pool.Cards)
            {
                throw item.Error("cards", $"a block of {cards} cards is larger than the pool's {pool.Cards} cards");
            }

            var hours = item.RequiredDouble("hours", 1, ReservedBlock.MaxHours);
            var price = item.RequiredDecimal("price", 0m);
            if (price > pool.PricePerCardHour)
            {
                throw item.Error("price", $"a reserved block may not cost more per card-hour than the on-demand price {pool.PricePerCardHour.ToString(CultureInfo.InvariantCulture)}");
            }

            blocks.Add(new ReservedBlock(cards, hours, price));
        }

        return blocks;
    }

    private static SiteLink ReadLink(YamlMap map, HashSet<string> ids)
    {
        map.RejectUnknown("sites", "bandwidth_gbps", "latency_ms", "contact");
        var ends = map.StringList("sites");
        if (ends.Count != 2 || ends[0] == ends[1])
        {
            throw map.Error("sites", "a link joins exactly two different sites");
        }

        foreach (var end in ends)
        {
            if (!ids.Contains(end))
            {
                throw map.Error("sites", $"unknown site '{end}'");
            }
        }

        ContactWindow? contact = null;
        var c = map.OptionalMap("contact");
        if (c is not null)
        {
            c.RejectUnknown("period_minutes", "open_minutes", "offset_minutes");
            var period = c.RequiredDouble("period_minutes", 1, 1e6) * 60;
            var open = c.RequiredDouble("open_minutes", 0.01, 1e6) * 60;
            if (open > period)
            {
                throw c.Error("open_minutes", "a contact window cannot be longer than its period");
            }

            contact = new ContactWindow(period, open, c.OptionalDouble("offset_minutes", 0, 0, 1e6) * 60);
        }

        return new SiteLink(ends[0], ends[1], map.RequiredDouble("bandwidth_gbps", 0.0001, 1e6), map.OptionalDouble("latency_ms", 0, 0, 1e6), contact);
    }
}
