using Suanwang.Core.Errors;
using Suanwang.Core.Networks;
using Suanwang.Scheduling.Tokens;

namespace Suanwang.Simulation.Tokens;

/// <summary>Turns a network of sites into model endpoints: every pool serves the model on as many replicas as its cards hold.</summary>
public static class InferenceNetwork
{
    /// <summary>The endpoints of <paramref name="network"/> serving <paramref name="model"/>; an input error when no pool can hold it.</summary>
    public static IReadOnlyList<InferenceSite> Build(Network network, ServedModel model)
    {
        var sites = new List<InferenceSite>();
        foreach (var site in network.Sites)
        {
            foreach (var pool in site.Pools)
            {
                var cards = EndpointHardware.CardsFor(pool.Model, model);
                if (cards == 0 || pool.Cards < cards)
                {
                    continue;
                }

                var hardware = new EndpointHardware(pool.Model, cards, model);
                for (var r = 0; r < pool.Cards / cards; r++)
                {
                    sites.Add(new InferenceSite(Endpoint(network, site, pool, hardware, r), site, hardware));
                }
            }
        }

        return sites.Count > 0
            ? sites
            : throw new InputException(network.Name, 0, "pools", $"no pool of the network has the memory to serve {model.Id} ({model.WeightBytes / 1e9:0.#} GB of weights)");
    }

    // Prices recover the replica's card-hours: a prompt token costs its prefill time, an output token
    // its share of a decode step at half the batch slots busy.
    private static InferenceEndpoint Endpoint(Network network, Core.Sites.Site site, Core.Sites.AcceleratorPool pool, EndpointHardware hw, int replica)
    {
        var perSecond = (double)pool.PricePerCardHour * hw.Cards / 3600.0;
        var half = Math.Max(1, hw.BatchSlots / 2);
        var inputPrice = perSecond * hw.PrefillSecondsPerToken * 1e6;
        var outputPrice = perSecond * hw.DecodeStepSeconds(half) / half * 1e6;
        return new InferenceEndpoint
        {
            Id = $"{site.Id}/{pool.Model.Id}/{replica}",
            SiteId = site.Id,
            Country = site.Jurisdiction.Country,
            ModelId = hw.Model.Id,
            ContextLength = hw.Model.ContextLength,
            InputPricePerMillion = Math.Round((decimal)inputPrice, 4),
            OutputPricePerMillion = Math.Round((decimal)outputPrice, 4),
            Currency = pool.Currency,
            RateToBase = pool.Currency == network.Currency ? 1m : network.ExchangeRates[pool.Currency],
            Capacity = hw.BatchSlots * 2,
            CarbonGramsPerKwh = site.Carbon.At(0),
            TtftSeconds = (1024 * hw.PrefillSecondsPerToken) + hw.DecodeStepSeconds(1),
            PerTokenSeconds = hw.DecodeStepSeconds(1),
        };
    }
}
