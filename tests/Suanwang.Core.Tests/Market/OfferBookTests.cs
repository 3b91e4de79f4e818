using Suanwang.Core.Market;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Market;

public sealed class OfferBookTests
{
    private readonly IReadOnlyList<Offer> _offers = OfferBook.From(MarketNetworks.Parse(), now: 0);

    [Fact]
    public void From_ListsEveryPoolInNetworkOrder()
    {
        Assert.Equal(
            ["cn-beijing/0/Ascend-910B", "cn-beijing/1/H20", "cn-tianjin-ftz/0/H100-SXM", "sg-jurong/0/H100-SXM"],
            _offers.Select(o => $"{o.SiteId}/{o.Pool}/{o.Model}"));
    }

    [Fact]
    public void From_CopiesSiteAndModelFigures()
    {
        var offer = _offers[2];

        Assert.Equal("binhai", offer.Owner);
        Assert.Equal("CN:tianjin-ftz", offer.Jurisdiction);
        Assert.Equal("hub", offer.Tier);
        Assert.Equal(80, offer.MemoryGiB);
        Assert.Equal(0.989, offer.Pflops, 12);
        Assert.Equal(8, offer.Cards);
        Assert.Equal("CNY", offer.Currency);
    }

    [Fact]
    public void From_PricesPerPetaflopHour_InThePoolCurrencyAndTheBase()
    {
        // Ascend-910B: 320 TFLOPS, so 12.80 per card-hour is 40.00 per P·h; spot 6.40 is 20.00.
        var ascend = _offers[0];
        Assert.Equal(40.0000m, ascend.PricePerPetaflopHour);
        Assert.Equal(20.0000m, ascend.SpotPricePerPetaflopHour);
        Assert.Equal(40.0000m, ascend.BasePricePerPetaflopHour);

        // 2.00 USD per H100 card-hour is 14.00 CNY; per P·h 14 / 0.989, rounded to 4 places.
        var jurong = _offers[3];
        Assert.Equal("USD", jurong.Currency);
        Assert.Equal(2.00m, jurong.PricePerCardHour);
        Assert.Equal(decimal.Round(2.00m / 0.989m, 4), jurong.PricePerPetaflopHour);
        Assert.Equal(decimal.Round(14.00m / 0.989m, 4), jurong.BasePricePerPetaflopHour);
        Assert.Equal(decimal.Round(10.50m / 0.989m, 4), jurong.BaseSpotPricePerPetaflopHour);
    }

    [Fact]
    public void From_Carbon_IsTheMeanOverTheNextDay()
    {
        // Tianjin is 600 for 12 hours and 300 for 12: a mean of 450 from any time of day.
        Assert.Equal(450, _offers[2].CarbonGramsPerKwh, 9);
        Assert.Equal(450, OfferBook.From(MarketNetworks.Parse(), now: 6 * 3600)[2].CarbonGramsPerKwh, 9);
        Assert.Equal(600, _offers[0].CarbonGramsPerKwh);
    }

    [Fact]
    public void From_CarriesThePoolsReservedBlocks()
    {
        Assert.Equal([new ReservedBlock(8, 720, 11.10m)], _offers[1].Blocks);
        Assert.Empty(_offers[0].Blocks);
    }
}
