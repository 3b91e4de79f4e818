using Suanwang.Core.Accelerators;
using Suanwang.Core.Market;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Market;

public sealed class OfferQueryTests
{
    private readonly IReadOnlyList<Offer> _offers = OfferBook.From(MarketNetworks.Parse(), now: 0);

    // Base P·h prices (CNY): Ascend 40.00, H20 100.00, Tianjin H100 20.2224, Jurong H100 14.1557.
    // Spot: Ascend 20.00, H20 20.00, Tianjin 10.1112, Jurong 10.6168.
    private string[] Names(OfferQuery query) => query.Apply(_offers).Select(o => $"{o.SiteId}/{o.Model}").ToArray();

    [Fact]
    public void Apply_Default_SortsByBasePricePerPetaflopHour()
    {
        Assert.Equal(
            ["sg-jurong/H100-SXM", "cn-tianjin-ftz/H100-SXM", "cn-beijing/Ascend-910B", "cn-beijing/H20"],
            Names(new OfferQuery()));
    }

    [Fact]
    public void Apply_Spot_SortsBySpotPriceAndBreaksTiesBySite()
    {
        // Ascend and H20 both cost 20.00 per P·h at spot: the tie goes to the pool order within the site.
        Assert.Equal(
            ["cn-tianjin-ftz/H100-SXM", "sg-jurong/H100-SXM", "cn-beijing/Ascend-910B", "cn-beijing/H20"],
            Names(new OfferQuery(Spot: true)));
    }

    [Fact]
    public void Apply_MaxPrice_ComparesInTheBaseCurrency()
    {
        Assert.Equal(["sg-jurong/H100-SXM"], Names(new OfferQuery(MaxPricePerPetaflopHour: 15m)));
        Assert.Equal(
            ["cn-tianjin-ftz/H100-SXM", "sg-jurong/H100-SXM", "cn-beijing/Ascend-910B", "cn-beijing/H20"],
            Names(new OfferQuery(MaxPricePerPetaflopHour: 20m, Spot: true)));
    }

    [Fact]
    public void Apply_Jurisdiction_CountryContainsItsZones()
    {
        Assert.Equal(3, new OfferQuery(Jurisdiction: new Jurisdiction("CN")).Apply(_offers).Count);
        Assert.Equal(["cn-tianjin-ftz/H100-SXM"], Names(new OfferQuery(Jurisdiction: new Jurisdiction("CN", "tianjin-ftz"))));
    }

    [Fact]
    public void Apply_ModelMemoryTierAndCarbon_Filter()
    {
        Assert.Equal(["sg-jurong/H100-SXM", "cn-tianjin-ftz/H100-SXM"], Names(new OfferQuery(Model: "h100-sxm")));
        Assert.Equal(["cn-beijing/H20"], Names(new OfferQuery(MinMemoryGiB: 90)));
        Assert.Equal(["sg-jurong/H100-SXM"], Names(new OfferQuery(Tier: SiteTier.Edge)));
        Assert.Equal(["sg-jurong/H100-SXM", "cn-tianjin-ftz/H100-SXM"], Names(new OfferQuery(MaxCarbon: 450)));
    }

    [Fact]
    public void Apply_SortByCardsDescending_PutsTheLargestPoolFirst()
    {
        Assert.Equal(
            ["cn-beijing/Ascend-910B", "sg-jurong/H100-SXM", "cn-beijing/H20", "cn-tianjin-ftz/H100-SXM"],
            Names(new OfferQuery(Sort: OfferQuery.SortByCards, Descending: true)));
    }

    [Fact]
    public void Apply_SortByCarbon_PutsTheCleanestFirst()
    {
        Assert.Equal("sg-jurong/H100-SXM", Names(new OfferQuery(Sort: OfferQuery.SortByCarbon))[0]);
    }

    [Fact]
    public void Apply_UnknownSortKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OfferQuery(Sort: "speed").Apply(_offers));
    }

    [Fact]
    public void TryParse_AllParameters_BuildsTheQuery()
    {
        var values = new Dictionary<string, string?>
        {
            ["model"] = "h100",
            ["min_memory_gib"] = "64",
            ["jurisdiction"] = "cn-tianjin-ftz",
            ["tier"] = "Hub",
            ["max_price_per_p_hour"] = "25.50",
            ["max_carbon"] = "500",
            ["spot"] = "true",
            ["sort"] = "carbon",
            ["order"] = "desc",
            ["limit"] = "10",
        };

        var ok = OfferQuery.TryParse(values, out var query, out var error, Core.Accelerators.AcceleratorCatalog.Default);

        Assert.True(ok, error?.ToString());
        Assert.Equal(new OfferQuery("H100-SXM", 64, new Jurisdiction("CN", "tianjin-ftz"), SiteTier.Hub, 25.50m, 500, true, "carbon", true), query);
    }

    [Fact]
    public void TryParse_NothingGiven_IsTheDefaultQuery()
    {
        var ok = OfferQuery.TryParse(new Dictionary<string, string?> { ["model"] = "", ["sort"] = null }, out var query, out _);

        Assert.True(ok);
        Assert.Equal(new OfferQuery(), query);
    }

    [Theory]
    [InlineData("model", "B300")]
    [InlineData("min_memory_gib", "lots")]
    [InlineData("min_memory_gib", "-1")]
    [InlineData("jurisdiction", "XX")]
    [InlineData("jurisdiction", "CN:")]
    [InlineData("tier", "regional")]
    [InlineData("tier", "1")]
    [InlineData("max_price_per_p_hour", "1e3")]
    [InlineData("max_price_per_p_hour", "1,000")]
    [InlineData("max_price_per_p_hour", "-5")]
    [InlineData("max_carbon", "NaN")]
    [InlineData("spot", "maybe")]
    [InlineData("sort", "speed")]
    [InlineData("order", "up")]
    public void TryParse_BadValue_NamesTheField(string field, string value)
    {
        var ok = OfferQuery.TryParse(new Dictionary<string, string?> { [field] = value }, out var query, out var error, Core.Accelerators.AcceleratorCatalog.Default, "GET /api/v1/offers");

        Assert.False(ok);
        Assert.Null(query);
        Assert.Equal(field, error!.Field);
        Assert.Equal("GET /api/v1/offers", error.Source);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadValue_ThrowsWithTheError()
    {
        var thrown = Assert.Throws<Core.Errors.InputException>(() => OfferQuery.Parse(new Dictionary<string, string?> { ["order"] = "sideways" }));

        Assert.Equal("order", thrown.Error.Field);
    }
}
