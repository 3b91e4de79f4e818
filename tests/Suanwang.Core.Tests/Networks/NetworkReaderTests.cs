using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Networks;

public sealed class NetworkReaderTests
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

    [Fact]
    public void Parse_YamlSyntaxError_NamesFileAndLine()
    {
        const string yaml = """
            name: broken
            currency: CNY
            sites:
              - id: a: b
                owner: o
            """;

        var error = ErrorOf(yaml);

        TestYaml.AssertError(error, Source, TestYaml.LineOf(yaml, "id: a: b"), "", "not valid YAML: ");
    }

    [Fact]
    public void Parse_EmptyFile_SaysSo()
    {
        var error = ErrorOf("");

        TestYaml.AssertError(error, Source, 0, "", "the file is empty");
    }

    [Fact]
    public void Parse_TopLevelList_AsksForAMapping()
    {
        var error = ErrorOf("- a\n- b\n");

        TestYaml.AssertError(error, Source, 1, "", "expected a mapping of fields at the top level");
    }

    [Fact]
    public void Parse_MissingOwner_NamesTheSiteLineAndField()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "- id: a"), "sites[0].owner", "required field is missing");
    }

    [Fact]
    public void Parse_MissingCarbon_SaysWhatToWrite()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "- id: a"), "sites[0].carbon", "gCO2/kWh");
    }

    [Fact]
    public void Parse_MissingName_NamesTheTopLevelField()
    {
        const string yaml = """
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 1, "name", "required field is missing");
    }

    [Fact]
    public void Parse_EmptyValue_IsRejectedAtItsLine()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner:
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "owner:"), "sites[0].owner", "must not be empty");
    }

    [Fact]
    public void Parse_TypoInPoolField_NamesTheUnknownField()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools:
                  - model: H100
                    cards_per_node: 8
                    nodse: 4
                    price: 20
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "nodse: 4"), "sites[0].pools[0].nodse", "unknown field; expected one of: model, cards_per_node, nodes");
    }

    [Fact]
    public void Parse_TypoAtTopLevel_NamesTheUnknownField()
    {
        const string yaml = """
            name: n
            curency: CNY
            sites: []
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 2, "curency", "unknown field");
    }

    [Fact]
    public void Parse_UnknownModel_NamesFileLineAndField()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools:
                  - model: H100-SXM
                    cards_per_node: 8
                    nodes: 2
                    price: 20
                  - model: B300
                    cards_per_node: 8
                    nodes: 2
                    price: 20
            """;

        var error = ErrorOf(yaml);

        TestYaml.AssertError(error, Source, TestYaml.LineOf(yaml, "model: B300"), "sites[0].pools[1].model", "'B300' is not in the accelerator catalog");
        Assert.Contains("H100-SXM", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XX", "'XX' is not an ISO 3166-1 alpha-2 country code")]
    [InlineData("China", "'China' is not an ISO 3166-1 alpha-2 country code")]
    [InlineData("UK", "'UK' is not an ISO 3166-1 alpha-2 country code")]
    [InlineData("\"CN:\"", "the zone after ':' is empty")]
    public void Parse_BadJurisdiction_NamesTheField(string jurisdiction, string phrase)
    {
        var yaml = $"""
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: {jurisdiction}
                tier: core
                carbon: 500
                pools: [{"{"} model: H100, cards_per_node: 8, nodes: 1, price: 20 {"}"}]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "jurisdiction:"), "sites[0].jurisdiction", phrase);
    }

    [Fact]
    public void Parse_LowerCaseCountry_IsNormalised()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: cn
                tier: core
                carbon: 500
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            """;

        Assert.Equal(new Jurisdiction("CN"), Parse(yaml).Sites[0].Jurisdiction);
    }

    [Fact]
    public void Parse_BadTier_ListsTheTiers()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: satellite
                carbon: 500
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "tier:"), "sites[0].tier", "'satellite' is not one of core, hub, edge, orbital");
    }

    [Fact]
    public void Parse_DuplicateSiteId_PointsAtTheSecondSite()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
              - id: a
                owner: p
                jurisdiction: SG
                tier: hub
                carbon: 400
                pools: [{ model: A100, cards_per_node: 8, nodes: 1, price: 9 }]
            """;

        var secondIdLine = yaml.Split('\n').Select((line, i) => (line, i)).Last(x => x.line.Contains("- id: a", StringComparison.Ordinal)).i + 1;

        TestYaml.AssertError(ErrorOf(yaml), Source, secondIdLine, "sites[1].id", "site id 'a' is used twice");
    }

    [Fact]
    public void Parse_PoolCurrencyWithoutRate_AsksForTheRate()
    {
        const string yaml = """
            name: n
            currency: CNY
            exchange_rates: { USD: 7.1 }
            sites:
              - id: a
                owner: o
                jurisdiction: DE
                tier: core
                carbon: 300
                pools:
                  - model: H100
                    cards_per_node: 8
                    nodes: 1
                    price: 2.5
                    currency: EUR
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "currency: EUR"), "sites[0].pools[0].currency", "no exchange rate for EUR");
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("DOLLAR")]
    public void Parse_BadBaseCurrency_NamesTheField(string currency)
    {
        var yaml = $"""
            name: n
            currency: {currency}
            sites: []
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 2, "currency", "is not an ISO 4217 currency code");
    }

    [Fact]
    public void Parse_RateForTheBaseCurrency_IsRejected()
    {
        const string yaml = """
            name: n
            currency: CNY
            exchange_rates:
              CNY: 1
            sites: []
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 4, "exchange_rates.CNY", "other than the base currency CNY");
    }

    [Fact]
    public void Parse_ZeroRate_IsRejected()
    {
        const string yaml = """
            name: n
            currency: CNY
            exchange_rates:
              USD: 0
            sites: []
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 4, "exchange_rates.USD", "must be at least");
    }

    [Fact]
    public void Parse_SpotAboveOnDemand_NamesSpotPrice()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools:
                  - model: H100
                    cards_per_node: 8
                    nodes: 1
                    price: 20
                    spot_price: 21
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "spot_price: 21"), "sites[0].pools[0].spot_price", "may not exceed the on-demand price");
    }

    [Fact]
    public void Parse_LinkToUnknownSite_NamesTheSite()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            links:
              - sites: [a, b]
                bandwidth_gbps: 10
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "sites: [a, b]"), "links[0].sites", "unknown site 'b'");
    }

    [Fact]
    public void Parse_LinkFromASiteToItself_IsRejected()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            links:
              - sites: [a, a]
                bandwidth_gbps: 10
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "sites: [a, a]"), "links[0].sites", "exactly two different sites");
    }

    [Fact]
    public void Parse_OrbitalSiteWithoutLink_NamesItsTier()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: ground
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
              - id: sat
                owner: o
                jurisdiction: CN
                tier: orbital
                carbon: 0
                pools: [{ model: T4, cards_per_node: 1, nodes: 1, price: 50 }]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "tier: orbital"), "sites[1].tier", "orbital site 'sat' has no link");
    }

    [Fact]
    public void Parse_CarbonPointsOutOfOrder_NamesTheLaterPoint()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon:
                  period_hours: 24
                  points:
                    - { at_hour: 0, gco2_per_kwh: 600 }
                    - { at_hour: 12, gco2_per_kwh: 400 }
                    - { at_hour: 6, gco2_per_kwh: 500 }
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "at_hour: 6"), "sites[0].carbon.points[2].at_hour", "increasing hour order");
    }

    [Fact]
    public void Parse_CarbonPointsNotStartingAtZero_NamesTheFirstPoint()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon:
                  points:
                    - { at_hour: 1, gco2_per_kwh: 600 }
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "at_hour: 1"), "sites[0].carbon.points[0].at_hour", "must be at hour 0");
    }

    [Fact]
    public void Parse_CarbonPointBeyondThePeriod_NamesThePoint()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon:
                  period_hours: 24
                  points:
                    - { at_hour: 0, gco2_per_kwh: 600 }
                    - { at_hour: 24, gco2_per_kwh: 400 }
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "at_hour: 24"), "sites[0].carbon.points[1].at_hour", "beyond period_hours");
    }

    [Fact]
    public void Parse_CarbonProfileWithoutPoints_IsRejected()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon:
                  period_hours: 24
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "period_hours"), "sites[0].carbon.points", "at least one point");
    }

    [Fact]
    public void Parse_OpenWindowLongerThanPeriod_NamesOpenMinutes()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: ground
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
              - id: sat
                owner: o
                jurisdiction: CN
                tier: orbital
                carbon: 0
                pools: [{ model: T4, cards_per_node: 1, nodes: 1, price: 50 }]
            links:
              - sites: [ground, sat]
                bandwidth_gbps: 1
                contact:
                  period_minutes: 90
                  open_minutes: 91
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "open_minutes: 91"), "links[0].contact.open_minutes", "longer than its period");
    }

    [Theory]
    [InlineData("nodes: 0", "sites[0].pools[0].nodes", "0 is out of range [1, 1000000]")]
    [InlineData("nodes: -3", "sites[0].pools[0].nodes", "-3 is out of range")]
    [InlineData("cards_per_node: 0", "sites[0].pools[0].cards_per_node", "0 is out of range [1, 64]")]
    [InlineData("cards_per_node: 65", "sites[0].pools[0].cards_per_node", "65 is out of range [1, 64]")]
    [InlineData("price: -1", "sites[0].pools[0].price", "-1 must be at least 0")]
    [InlineData("spot_price: -0.5", "sites[0].pools[0].spot_price", "-0.5 must be at least 0")]
    public void Parse_OutOfRangePoolNumber_NamesTheField(string line, string field, string phrase)
    {
        var fields = new Dictionary<string, string>
        {
            ["cards_per_node"] = "cards_per_node: 8",
            ["nodes"] = "nodes: 2",
            ["price"] = "price: 20",
            ["spot_price"] = "spot_price: 10",
        };
        fields[line.Split(':')[0]] = line;
        var yaml = $"""
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools:
                  - model: H100
                    {fields["cards_per_node"]}
                    {fields["nodes"]}
                    {fields["price"]}
                    {fields["spot_price"]}
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, line), field, phrase);
    }

    [Theory]
    [InlineData("carbon: -5", "sites[0].carbon", "-5 is out of range [0, 5000]")]
    [InlineData("green_share: 1.5", "sites[0].green_share", "1.5 is out of range [0, 1]")]
    [InlineData("uplink_gbps: 0", "sites[0].uplink_gbps", "0 is out of range")]
    public void Parse_OutOfRangeSiteNumber_NamesTheField(string line, string field, string phrase)
    {
        var carbon = line.StartsWith("carbon", StringComparison.Ordinal) ? line : "carbon: 500";
        var extra = line.StartsWith("carbon", StringComparison.Ordinal) ? "green_share: 0.5" : line;
        var yaml = $"""
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                {carbon}
                {extra}
                pools: [{"{"} model: H100, cards_per_node: 8, nodes: 1, price: 20 {"}"}]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, line), field, phrase);
    }

    [Fact]
    public void Parse_ZeroBandwidth_NamesTheLinkField()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
              - id: b
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            links:
              - sites: [a, b]
                bandwidth_gbps: 0
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "bandwidth_gbps: 0"), "links[0].bandwidth_gbps", "0 is out of range");
    }

    [Theory]
    [InlineData("nodes: many", "sites[0].pools[0].nodes", "'many' is not a whole number")]
    [InlineData("nodes: 2.5", "sites[0].pools[0].nodes", "'2.5' is not a whole number")]
    [InlineData("price: cheap", "sites[0].pools[0].price", "'cheap' is not a decimal amount")]
    [InlineData("cards_per_node: eight", "sites[0].pools[0].cards_per_node", "'eight' is not a whole number")]
    public void Parse_NonNumericPoolValue_NamesTheField(string line, string field, string phrase)
    {
        var fields = new Dictionary<string, string>
        {
            ["cards_per_node"] = "cards_per_node: 8",
            ["nodes"] = "nodes: 2",
            ["price"] = "price: 20",
        };
        fields[line.Split(':')[0]] = line;
        var yaml = $"""
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools:
                  - model: H100
                    {fields["cards_per_node"]}
                    {fields["nodes"]}
                    {fields["price"]}
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, line), field, phrase);
    }

    [Fact]
    public void Parse_NonNumericCarbon_NamesTheField()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: high
                pools: [{ model: H100, cards_per_node: 8, nodes: 1, price: 20 }]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "carbon: high"), "sites[0].carbon", "'high' is not a number");
    }

    [Fact]
    public void Parse_SiteWithoutPools_IsRejected()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites:
              - id: a
                owner: o
                jurisdiction: CN
                tier: core
                carbon: 500
                pools: []
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "pools: []"), "sites[0].pools", "site 'a' has no accelerator pools");
    }

    [Fact]
    public void Parse_NetworkWithoutSites_IsRejected()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites: []
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 3, "sites", "at least one site");
    }

    [Fact]
    public void Parse_SitesNotAList_SaysSo()
    {
        const string yaml = """
            name: n
            currency: CNY
            sites: a
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 3, "sites", "expected a list");
    }
}
