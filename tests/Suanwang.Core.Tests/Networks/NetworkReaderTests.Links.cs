using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Networks;

// Errors in links, orbital sites, carbon profiles and numbers.
public sealed partial class NetworkReaderTests
{
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
