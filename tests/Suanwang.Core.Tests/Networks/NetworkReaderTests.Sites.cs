using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Networks;

// Errors in a network file's structure, sites, pools and currencies.
public sealed partial class NetworkReaderTests
{
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
}
