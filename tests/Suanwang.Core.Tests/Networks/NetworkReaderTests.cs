using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Networks;

public sealed partial class NetworkReaderTests
{
    private const string Source = "networks/east-west.yaml";

    private const string Valid = """
        name: east-west
        currency: CNY
        exchange_rates:
          USD: 7.1
        sites:
          - id: cn-tianjin-1
            owner: tianjin-supercomputing
            jurisdiction: CN:tianjin-ftz
            tier: core
            location: { lat: 39.1, lon: 117.2 }
            carbon:
              period_hours: 24
              points:
                - { at_hour: 0, gco2_per_kwh: 620 }
                - { at_hour: 10, gco2_per_kwh: 480 }
                - { at_hour: 16, gco2_per_kwh: 650 }
            green_share: 0.3
            uplink_gbps: 100
            reliability: { mtbf_hours: 2000, mttr_hours: 4 }
            pools:
              - { model: H100, cards_per_node: 8, nodes: 16, price: 25, spot_price: 12 }
              - { model: Ascend-910B, cards_per_node: 8, nodes: 64, price: 9.5 }
          - id: sg-jurong-1
            owner: lion-city-cloud
            jurisdiction: SG
            tier: hub
            carbon: 410
            pools:
              - { model: A100-80GB, cards_per_node: 8, nodes: 4, price: 1.9, currency: USD }
          - id: orbit-tiansuan-1
            owner: tiansuan
            jurisdiction: CN
            tier: orbital
            carbon: 0
            pools:
              - { model: T4, cards_per_node: 1, nodes: 2, price: 40 }
        links:
          - sites: [cn-tianjin-1, sg-jurong-1]
            bandwidth_gbps: 40
            latency_ms: 45
          - sites: [cn-tianjin-1, orbit-tiansuan-1]
            bandwidth_gbps: 1.2
            contact: { period_minutes: 95, open_minutes: 8, offset_minutes: 30 }
        """;

    private static Network Parse(string yaml) => NetworkReader.Parse(yaml, Source, AcceleratorCatalog.Default);

    private static InputError ErrorOf(string yaml) => Assert.Throws<InputException>(() => Parse(yaml)).Error;

    [Fact]
    public void Parse_ValidNetwork_ReadsNameCurrencyAndRates()
    {
        var network = Parse(Valid);

        Assert.Equal("east-west", network.Name);
        Assert.Equal("CNY", network.Currency);
        Assert.Equal(7.1m, Assert.Single(network.ExchangeRates, r => r.Key == "USD").Value);
        Assert.Single(network.ExchangeRates);
        Assert.Same(AcceleratorCatalog.Default, network.Catalog);
        Assert.Equal(["cn-tianjin-1", "sg-jurong-1", "orbit-tiansuan-1"], network.Sites.Select(s => s.Id));
    }

    [Fact]
    public void Parse_ValidNetwork_ReadsSiteFields()
    {
        var site = Parse(Valid).Sites[0];

        Assert.Equal("tianjin-supercomputing", site.Owner);
        Assert.Equal(new Jurisdiction("CN", "tianjin-ftz"), site.Jurisdiction);
        Assert.Equal(SiteTier.Core, site.Tier);
        Assert.Equal(new GeoLocation(39.1, 117.2), site.Location);
        Assert.Equal(0.3, site.GreenShare);
        Assert.Equal(100, site.UplinkGbps);
        Assert.Equal(new Reliability(2000, 4), site.Reliability);
    }

    [Fact]
    public void Parse_SiteWithoutOptionalFields_GetsDefaults()
    {
        var site = Parse(Valid).Sites[1];

        Assert.Equal(new GeoLocation(0, 0), site.Location);
        Assert.Equal(0, site.GreenShare);
        Assert.Equal(10, site.UplinkGbps);
        Assert.Null(site.Reliability);
        Assert.Equal(SiteTier.Hub, site.Tier);
    }

    [Fact]
    public void Parse_ValidNetwork_ReadsPoolsWithAliasesResolvedAndSpotDefaultingToPrice()
    {
        var sites = Parse(Valid).Sites;
        var h100 = sites[0].Pools[0];
        var ascend = sites[0].Pools[1];
        var a100 = Assert.Single(sites[1].Pools);

        Assert.Equal("H100-SXM", h100.Model.Id);
        Assert.Equal(8, h100.CardsPerNode);
        Assert.Equal(16, h100.Nodes);
        Assert.Equal(128, h100.Cards);
        Assert.Equal(25m, h100.PricePerCardHour);
        Assert.Equal(12m, h100.SpotPricePerCardHour);
        Assert.Equal("CNY", h100.Currency);

        Assert.Equal("Ascend-910B", ascend.Model.Id);
        Assert.Equal(9.5m, ascend.SpotPricePerCardHour);

        Assert.Equal("A100-80GB", a100.Model.Id);
        Assert.Equal(1.9m, a100.PricePerCardHour);
        Assert.Equal("USD", a100.Currency);
        Assert.Equal(128 + 512, sites[0].Cards);
    }

    [Fact]
    public void Parse_CarbonProfile_ConvertsHoursToSeconds()
    {
        var carbon = Parse(Valid).Sites[0].Carbon;

        Assert.Equal(24 * 3600, carbon.PeriodSeconds);
        Assert.Equal(
            [new CarbonPoint(0, 620), new CarbonPoint(10 * 3600, 480), new CarbonPoint(16 * 3600, 650)],
            carbon.Points);
    }

    [Fact]
    public void Parse_ScalarCarbon_IsAConstantProfile()
    {
        var carbon = Parse(Valid).Sites[1].Carbon;

        Assert.Equal(0, carbon.PeriodSeconds);
        Assert.Equal([new CarbonPoint(0, 410)], carbon.Points);
    }

    [Fact]
    public void Parse_Links_ReadBandwidthLatencyAndContactInSeconds()
    {
        var network = Parse(Valid);

        Assert.Equal(new SiteLink("cn-tianjin-1", "sg-jurong-1", 40, 45, null), network.Links[0]);
        Assert.Equal(new SiteLink("cn-tianjin-1", "orbit-tiansuan-1", 1.2, 0, new ContactWindow(95 * 60, 8 * 60, 30 * 60)), network.Links[1]);
        Assert.Equal(SiteTier.Orbital, network.Sites[2].Tier);
    }

    [Fact]
    public void ToBase_ConvertsAtThePublishedRate()
    {
        var network = Parse(Valid);

        Assert.Equal(13.49m, network.ToBase(1.9m, "USD"));
        Assert.Equal(25m, network.ToBase(25m, "CNY"));
    }
}
