using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Jobs;

// Errors in a job spec: each names the file, line and field.
public sealed partial class JobSpecReaderTests
{
    [Fact]
    public void Parse_UnknownModel_NamesFileLineAndField()
    {
        const string yaml = """
            name: j
            tenant: t
            resources:
              accelerators: H999:8
            estimated_runtime: 1h
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 4, "resources.accelerators", "'H999' is not in the accelerator catalog");
    }

    [Fact]
    public void Parse_UnknownModelInBlockList_PointsAtItsLine()
    {
        const string yaml = """
            name: j
            tenant: t
            resources:
              accelerators:
                - H100-SXM
                - B200
            estimated_runtime: 1h
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "- B200"), "resources.accelerators", "'B200' is not in the accelerator catalog");
    }

    [Fact]
    public void Parse_MixedCardCounts_PointsAtTheDisagreeingModel()
    {
        const string yaml = """
            name: j
            tenant: t
            resources:
              accelerators:
                - H100-SXM:8
                - A100-80GB:4
            estimated_runtime: 1h
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "A100-80GB:4"), "resources.accelerators", "every model in the list must ask for the same number of cards");
    }

    [Fact]
    public void Parse_MixedCardCountsInMapping_IsRejected()
    {
        const string yaml = """
            name: j
            tenant: t
            resources:
              accelerators: { H100-SXM: 8, H200: 4 }
            estimated_runtime: 1h
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 4, "resources.accelerators", "same number of cards");
    }

    [Theory]
    [InlineData("H100-SXM:0")]
    [InlineData("H100-SXM:65")]
    [InlineData("H100-SXM:eight")]
    [InlineData("H100-SXM:8:2")]
    public void Parse_BadCardCount_SaysTheForm(string accelerators)
    {
        var yaml = $"""
            name: j
            tenant: t
            resources:
              accelerators: {accelerators}
            estimated_runtime: 1h
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 4, "resources.accelerators", "must be MODEL or MODEL:CARDS with 1..64 cards");
    }

    [Fact]
    public void Parse_CardsDisagreeingWithModelCount_NamesCards()
    {
        const string yaml = """
            name: j
            tenant: t
            resources:
              accelerators: H100-SXM:8
              cards: 4
            estimated_runtime: 1h
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 5, "resources.cards", "4 disagrees with the 8 cards named in accelerators");
    }

    [Fact]
    public void Parse_PflopsWithCards_NamesPflops()
    {
        const string yaml = """
            name: j
            tenant: t
            resources:
              cards: 8
              pflops: 4
            estimated_runtime: 1h
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 5, "resources.pflops", "give either pflops or a card count, not both");
    }

    [Fact]
    public void Parse_PflopsWithModelCardCount_NamesPflops()
    {
        const string yaml = """
            name: j
            tenant: t
            resources:
              accelerators: H100-SXM:8
              pflops: 4
            estimated_runtime: 1h
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 5, "resources.pflops", "not both");
    }

    [Fact]
    public void Parse_EmptyAcceleratorList_SaysToLeaveItOut()
    {
        const string yaml = """
            name: j
            tenant: t
            resources:
              accelerators: []
            estimated_runtime: 1h
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 4, "resources.accelerators", "leave the field out to accept any model");
    }

    [Theory]
    [InlineData("2 hours", "has an unknown unit")]
    [InlineData("2w", "has an unknown unit")]
    [InlineData("soon", "is not a duration such as 90s, 15m, 2h or 1h30m")]
    [InlineData("1h30", "is not a duration such as")]
    [InlineData("0", "must be a positive duration")]
    [InlineData("-5m", "is not a duration such as")]
    public void Parse_BadDuration_NamesTheField(string text, string phrase)
    {
        var yaml = $"""
            name: j
            tenant: t
            resources: {"{}"}
            estimated_runtime: {text}
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 4, "estimated_runtime", phrase);
    }

    [Fact]
    public void Parse_BadTimeLimit_NamesTheField()
    {
        const string yaml = """
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            time_limit: forever
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 5, "time_limit", "is not a duration");
    }

    [Fact]
    public void Parse_BadDataClass_ListsTheClasses()
    {
        const string yaml = """
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            inputs:
              - name: a
                size_gb: 1
                jurisdiction: CN
              - name: b
                size_gb: 1
                jurisdiction: CN
                class: secret
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "class: secret"), "inputs[1].class", "'secret' is not one of general, important, core");
    }

    [Fact]
    public void Parse_BadInputJurisdiction_NamesTheField()
    {
        const string yaml = """
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            inputs:
              - name: a
                size_gb: 1
                jurisdiction: Mars
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "jurisdiction: Mars"), "inputs[0].jurisdiction", "'Mars' is not an ISO 3166-1 alpha-2 country code");
    }

    [Fact]
    public void Parse_NegativeInputSize_NamesTheField()
    {
        const string yaml = """
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            inputs:
              - name: a
                size_gb: -1
                jurisdiction: CN
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "size_gb: -1"), "inputs[0].size_gb", "-1 is out of range");
    }

    [Theory]
    [InlineData("cny")]
    [InlineData("RMB1")]
    [InlineData("YUAN")]
    public void Parse_BadBudgetCurrency_NamesTheField(string currency)
    {
        var yaml = $"""
            name: j
            tenant: t
            resources: {"{}"}
            estimated_runtime: 1h
            budget:
              amount: 100
              currency: {currency}
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 7, "budget.currency", "is not an ISO 4217 currency code");
    }

    [Fact]
    public void Parse_NegativeBudget_NamesTheAmount()
    {
        const string yaml = """
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            budget: { amount: -1, currency: CNY }
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 5, "budget.amount", "-1 must be at least 0");
    }

    [Fact]
    public void Parse_UnknownTopLevelField_NamesIt()
    {
        const string yaml = """
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            nmae: typo
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 5, "nmae", "unknown field; expected one of: name, tenant");
    }

    [Fact]
    public void Parse_UnknownResourceField_NamesIt()
    {
        const string yaml = """
            name: j
            tenant: t
            resources:
              gpus: 8
            estimated_runtime: 1h
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 4, "resources.gpus", "unknown field; expected one of: accelerators, cards, pflops, min_memory_gib");
    }

    [Fact]
    public void Parse_UnknownInputField_NamesIt()
    {
        const string yaml = """
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            inputs:
              - name: a
                size_gb: 1
                jurisdiction: CN
                clas: core
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, TestYaml.LineOf(yaml, "clas: core"), "inputs[0].clas", "unknown field");
    }

    [Fact]
    public void Parse_UnknownReferenceModel_NamesTheField()
    {
        const string yaml = """
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            reference_model: TPUv5
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 5, "reference_model", "'TPUv5' is not in the accelerator catalog");
    }

    [Fact]
    public void Parse_BadBoolean_NamesTheField()
    {
        const string yaml = """
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            spot: maybe
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 5, "spot", "'maybe' is not true or false");
    }

    [Fact]
    public void Parse_ZeroNodes_NamesNumNodes()
    {
        const string yaml = """
            name: j
            tenant: t
            num_nodes: 0
            resources: {}
            estimated_runtime: 1h
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 3, "num_nodes", "0 is out of range");
    }

    [Fact]
    public void Parse_BadAllowedJurisdiction_NamesTheField()
    {
        const string yaml = """
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            allowed_jurisdictions: [CN, EU]
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 5, "allowed_jurisdictions", "'EU' is not an ISO 3166-1 alpha-2 country code");
    }
}
