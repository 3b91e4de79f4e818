using System.Net;
using System.Net.Http.Json;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;

namespace Suanwang.Server.Tests.Market;

public sealed class OffersApiTests : IAsyncLifetime
{
    private MarketServer _market = null!;

    public async Task InitializeAsync()
    {
        _market = await MarketServer.StartAsync();
        await _market.Server.RegisterAsync("""
            id: us-east
            owner: Atlantic GPU
            jurisdiction: US
            tier: hub
            carbon: 380
            pools:
              - { model: H100, cards_per_node: 8, nodes: 2, price: 3.00, spot_price: 1.20, currency: USD }
            """);
    }

    public async Task DisposeAsync() => await _market.DisposeAsync();

    [Fact]
    public async Task Offers_ShowPricesPerCardHourAndPerPHour_CheapestPerPHourFirst()
    {
        var offers = (await _market.Acme.GetFromJsonAsync<List<OfferView>>("/api/v1/offers", ProtocolJson.Options))!;

        Assert.Equal(["us-east", "cn-a"], offers.Select(o => o.Site));
        var h100 = offers[0];
        Assert.Equal(("USD", "3.00", "CNY"), (h100.Currency, h100.PricePerCardHour, h100.BaseCurrency));
        // H100: 0.989 PFLOPS dense FP16 per card; 3 USD at 7.1 CNY.
        var perP = decimal.Parse(h100.BasePricePerPHour, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(perP, 21.5m, 21.6m);
    }

    [Fact]
    public async Task Offers_FilterByJurisdictionAndMaxPrice()
    {
        var cn = await _market.Acme.GetFromJsonAsync<List<OfferView>>("/api/v1/offers?jurisdiction=CN", ProtocolJson.Options);
        var cheap = await _market.Acme.GetFromJsonAsync<List<OfferView>>("/api/v1/offers?max_price_per_p_hour=22", ProtocolJson.Options);

        Assert.Equal(["cn-a"], cn!.Select(o => o.Site));
        Assert.Equal(["us-east"], cheap!.Select(o => o.Site));
    }

    [Theory]
    [InlineData("sort=colour", "sort")]
    [InlineData("min_memory_gib=-1", "min_memory_gib")]
    [InlineData("model=Nope-9000", "model")]
    [InlineData("tier=moon", "tier")]
    public async Task Offers_WithABadQuery_Answer400NamingTheParameter(string query, string field)
    {
        var response = await _market.Acme.GetAsync($"/api/v1/offers?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal(field, problem!["field"].ToString());
    }
}
