using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Networks;
using Suanwang.Core.Schemas;
using Suanwang.Core.Sites;
using Suanwang.Storage.Sites;

namespace Suanwang.ControlPlane.Sites;

/// <summary>Parses registered sites (each once per spec) and turns the registry into a network. Thread-safe.</summary>
public sealed partial class SiteDirectory(IOptions<MarketOptions> market, AcceleratorCatalog catalog, ILogger<SiteDirectory> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Spec, Site? Site)> _parsed = new(StringComparer.Ordinal);
    private NetworkView? _view;

    /// <summary>Parses a site in the network file's site format; throws <see cref="InputException"/> naming the field.</summary>
    public Site Parse(string spec, string source) =>
        NetworkReader.ParseSite(spec, source, catalog, market.Value.Currency, market.Value.ExchangeRates);

    /// <summary>
    /// Parses a site an agent registers: as <see cref="Parse"/>, and its id, which goes into URLs,
    /// logs and terminals, must follow the id rule (1 to 128 letters, digits, dots, underscores and dashes).
    /// </summary>
    public Site ParseRegistration(string spec, string source)
    {
        var site = Parse(spec, source);
        return IdProblem(site.Id) is { } problem ? throw new InputException(source, 0, "id", problem) : site;
    }

    /// <summary>Why <paramref name="id"/> is not a site id, or null when it is one: 1 to 128 letters, digits, dots, underscores and dashes.</summary>
    public static string? IdProblem(string id) =>
        IdPattern().IsMatch(id) ? null : $"'{PlainText.Quote(id)}' must be 1 to 128 letters, digits, dots, underscores and dashes, starting with a letter or digit";

    /// <summary>Why <paramref name="owner"/> is not a provider's name as sites give it, or null when it is one: 1 to 256 characters of plain text on one line.</summary>
    public static string? OwnerProblem(string owner) =>
        string.IsNullOrWhiteSpace(owner) ? "the provider's name is empty" : PlainText.NameProblem(owner) is { } problem ? $"the provider's name {problem}" : null;

    /// <summary>The parsed site of a record, or null when its stored spec no longer parses (say, after a catalog change).</summary>
    public Site? SiteOf(SiteRecord record)
    {
        lock (_lock)
        {
            if (_parsed.TryGetValue(record.Id, out var cached) && cached.Spec == record.Spec)
            {
                return cached.Site;
            }
        }

        Site? site = null;
        try
        {
            site = Parse(record.Spec, $"site {record.Id}");
        }
        catch (InputException ex)
        {
            logger.LogError("Registered site {Site} no longer parses and is left out: {Error}", record.Id, ex.Message);
        }

        lock (_lock)
        {
            _parsed[record.Id] = (record.Spec, site);
        }

        return site;
    }

    /// <summary>Each record's parsed site by id; null for one whose spec no longer parses.</summary>
    public Dictionary<string, Site?> ById(IReadOnlyList<SiteRecord> records)
    {
        var sites = new Dictionary<string, Site?>(records.Count, StringComparer.Ordinal);
        foreach (var record in records)
        {
            sites[record.Id] = SiteOf(record);
        }

        return sites;
    }

    /// <summary>The network of <paramref name="records"/>: sites that parse, in record order, without links.</summary>
    public Network Build(IReadOnlyList<SiteRecord> records)
    {
        var sites = new List<Site>(records.Count);
        foreach (var record in records)
        {
            if (SiteOf(record) is { } site)
            {
                sites.Add(site);
            }
        }

        return new Network("suanwang", market.Value.Currency, market.Value.ExchangeRates, sites, [], catalog);
    }

    /// <summary>The view of <paramref name="records"/>, reused while no site is added, removed or changed.</summary>
    public NetworkView ViewOf(IReadOnlyList<SiteRecord> records)
    {
        var view = Volatile.Read(ref _view);
        if (view is not null && SameSites(view.Records, records))
        {
            return view;
        }

        view = new NetworkView(Build(records), records);
        Volatile.Write(ref _view, view);
        return view;
    }

    /// <summary>Whether two registries hold the same sites with the same specs, in the same order.</summary>
    public static bool SameSites(IReadOnlyList<SiteRecord> a, IReadOnlyList<SiteRecord> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Id != b[i].Id || a[i].Spec != b[i].Spec)
            {
                return false;
            }
        }

        return true;
    }

    // \A and \z, not ^ and $: "$" also matches before a final newline.
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
