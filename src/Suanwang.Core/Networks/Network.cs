using Suanwang.Core.Accelerators;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Networks;

/// <summary>A federation of sites and the links between them, as read from a network file.</summary>
/// <param name="Name">Network name.</param>
/// <param name="Currency">Base currency in which prices are compared and costs reported.</param>
/// <param name="ExchangeRates">Units of the base currency per one unit of each other currency.</param>
/// <param name="Sites">The sites, in file order.</param>
/// <param name="Links">The links.</param>
/// <param name="Catalog">The accelerator catalog the pools refer to.</param>
public sealed record Network(
    string Name,
    string Currency,
    IReadOnlyDictionary<string, decimal> ExchangeRates,
    IReadOnlyList<Site> Sites,
    IReadOnlyList<SiteLink> Links,
    AcceleratorCatalog Catalog)
{
    /// <summary>Converts an amount in <paramref name="currency"/> to the base currency at the published rate.</summary>
    public decimal ToBase(decimal amount, string currency) =>
        currency == Currency ? amount : amount * ExchangeRates[currency];

    /// <summary>All cards in the network.</summary>
    public int Cards => Sites.Sum(s => s.Cards);

    /// <summary>Index of a site by id, or -1.</summary>
    public int IndexOf(string siteId)
    {
        for (var i = 0; i < Sites.Count; i++)
        {
            if (Sites[i].Id == siteId)
            {
                return i;
            }
        }

        return -1;
    }
}
