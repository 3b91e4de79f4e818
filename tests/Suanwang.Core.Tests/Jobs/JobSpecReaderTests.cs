using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Jobs;

public sealed class JobSpecReaderTests
{
    private const string Source = "jobs/train.yaml";

    private static JobSpec Parse(string yaml) => JobSpecReader.Parse(yaml, Source, AcceleratorCatalog.Default);

    private static InputError ErrorOf(string yaml) => Assert.Throws<InputException>(() => Parse(yaml)).Error;

    [Fact]
    public void Parse_ModelWithCardCount_IsOneModelWithThoseCards()
    {
        var spec = Parse("""
            name: llama-pretrain
            tenant: acme
            run: torchrun train.py
            resources:
              accelerators: H100-SXM:8
            estimated_runtime: 2h
            """);

        Assert.Equal("llama-pretrain", spec.Name);
        Assert.Equal("acme", spec.Tenant);
        Assert.Equal("torchrun train.py", spec.Run);
        Assert.Equal(["H100-SXM"], spec.Resources.Accelerators);
        Assert.Equal(8, spec.Resources.CardsPerNode);
        Assert.Equal(1, spec.Resources.Nodes);
        Assert.Null(spec.Resources.Pflops);
        Assert.Equal(0, spec.Resources.MinMemoryGiB);
        Assert.Equal(7200, spec.EstimatedRuntimeSeconds);
    }

    [Fact]
    public void Parse_MinimalJob_GetsDefaults()
    {
        var spec = Parse("""
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 90
            """);

        Assert.Empty(spec.Resources.Accelerators);
        Assert.Equal(AcceleratorChoice.Preference, spec.Resources.Choice);
        Assert.Equal(1, spec.Resources.CardsPerNode);
        Assert.Equal(1, spec.Resources.Nodes);
        Assert.Null(spec.Run);
        Assert.Null(spec.ReferenceModel);
        Assert.True(spec.ScaleRuntime);
        Assert.Null(spec.TimeLimitSeconds);
        Assert.Equal(0, spec.Priority);
        Assert.False(spec.Spot);
        Assert.Null(spec.Budget);
        Assert.Empty(spec.Inputs);
        Assert.Empty(spec.AllowedJurisdictions);
        Assert.Equal(90, spec.EstimatedRuntimeSeconds);
    }

    [Fact]
    public void Parse_ListOfModels_IsAPreferenceOrderWithAliasesResolved()
    {
        var spec = Parse("""
            name: j
            tenant: t
            resources:
              accelerators: [H100:8, A100-80GB:8, 910B:8]
            estimated_runtime: 1h
            """);

        Assert.Equal(AcceleratorChoice.Preference, spec.Resources.Choice);
        Assert.Equal(["H100-SXM", "A100-80GB", "Ascend-910B"], spec.Resources.Accelerators);
        Assert.Equal(8, spec.Resources.CardsPerNode);
    }

    [Fact]
    public void Parse_ListNamingOneModelTwice_KeepsItOnce()
    {
        var spec = Parse("""
            name: j
            tenant: t
            resources:
              accelerators: [H100, H100-SXM, A100]
            estimated_runtime: 1h
            """);

        Assert.Equal(["H100-SXM", "A100-40GB"], spec.Resources.Accelerators);
    }

    [Fact]
    public void Parse_MappingOfModels_IsAnAnyOfSet()
    {
        var spec = Parse("""
            name: j
            tenant: t
            resources:
              accelerators: { H100-SXM: 4, H200: 4 }
            estimated_runtime: 1h
            """);

        Assert.Equal(AcceleratorChoice.AnyOf, spec.Resources.Choice);
        Assert.Equal(["H100-SXM", "H200"], spec.Resources.Accelerators);
        Assert.Equal(4, spec.Resources.CardsPerNode);
    }

    [Fact]
    public void Parse_CardsField_GivesTheCardCountForBareModels()
    {
        var spec = Parse("""
            name: j
            tenant: t
            num_nodes: 4
            resources:
              accelerators: [A100-80GB, A100-40GB]
              cards: 8
              min_memory_gib: 40
            estimated_runtime: 1h30m
            """);

        Assert.Equal(8, spec.Resources.CardsPerNode);
        Assert.Equal(4, spec.Resources.Nodes);
        Assert.Equal(40, spec.Resources.MinMemoryGiB);
        Assert.Equal(5400, spec.EstimatedRuntimeSeconds);
    }

    [Fact]
    public void Parse_CardsAgreeingWithModelCount_IsAccepted()
    {
        var spec = Parse("""
            name: j
            tenant: t
            resources:
              accelerators: H100-SXM:8
              cards: 8
            estimated_runtime: 1h
            """);

        Assert.Equal(8, spec.Resources.CardsPerNode);
    }

    [Fact]
    public void Parse_Pflops_AsksForAnAmountOfPWithMinimumMemory()
    {
        var spec = Parse("""
            name: j
            tenant: t
            resources:
              pflops: 2.5
              min_memory_gib: 64
            estimated_runtime: 3h
            """);

        Assert.Equal(2.5, spec.Resources.Pflops);
        Assert.Equal(64, spec.Resources.MinMemoryGiB);
        Assert.Empty(spec.Resources.Accelerators);
    }

    [Fact]
    public void Parse_AllOptionalFields_AreRead()
    {
        var spec = Parse("""
            name: finetune
            tenant: acme
            resources:
              accelerators: A100-80GB:4
            estimated_runtime: 45m
            reference_model: V100M32
            scale_runtime: false
            time_limit: 1.5d
            priority: 7
            spot: yes
            budget:
              amount: 1200.50
              currency: CNY
            """);

        Assert.Equal("V100M32", spec.ReferenceModel);
        Assert.False(spec.ScaleRuntime);
        Assert.Equal(2700, spec.EstimatedRuntimeSeconds);
        Assert.Equal(1.5 * 86400, spec.TimeLimitSeconds);
        Assert.Equal(7, spec.Priority);
        Assert.True(spec.Spot);
        Assert.Equal(new Money.Money(1200.50m, "CNY"), spec.Budget);
    }

    [Fact]
    public void Parse_Inputs_ReadSizeSiteJurisdictionAndClass()
    {
        var spec = Parse("""
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            inputs:
              - name: clinical-notes
                size_gb: 500
                site: cn-beijing-1
                jurisdiction: CN
                class: important
              - name: genomes
                size_gb: 80
                jurisdiction: CN:shanghai-ftz
                class: Core
              - name: wiki
                size_gb: 20.5
                jurisdiction: US
            """);

        Assert.Equal(
            [
                new DataInput("clinical-notes", 500, "cn-beijing-1", new Jurisdiction("CN"), DataClass.Important),
                new DataInput("genomes", 80, null, new Jurisdiction("CN", "shanghai-ftz"), DataClass.Core),
                new DataInput("wiki", 20.5, null, new Jurisdiction("US"), DataClass.General),
            ],
            spec.Inputs);
        Assert.True(spec.Inputs[0].MustStay);
        Assert.True(spec.Inputs[1].MustStay);
        Assert.False(spec.Inputs[2].MustStay);
    }

    [Fact]
    public void Parse_AllowedJurisdictions_ReadCountriesAndZones()
    {
        var spec = Parse("""
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            allowed_jurisdictions:
              - CN:tianjin-ftz
              - sg
            """);

        Assert.Equal([new Jurisdiction("CN", "tianjin-ftz"), new Jurisdiction("SG")], spec.AllowedJurisdictions);
    }

    [Fact]
    public void Parse_SingleAllowedJurisdiction_IsAListOfOne()
    {
        var spec = Parse("""
            name: j
            tenant: t
            resources: {}
            estimated_runtime: 1h
            allowed_jurisdictions: CN
            """);

        Assert.Equal([new Jurisdiction("CN")], spec.AllowedJurisdictions);
    }

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
    public void Parse_MissingRuntime_GivesAnExample()
    {
        const string yaml = """
            name: j
            tenant: t
            resources: {}
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 1, "estimated_runtime", "required field is missing (for example 2h)");
    }

    [Fact]
    public void Parse_MissingResources_NamesTheField()
    {
        const string yaml = """
            name: j
            tenant: t
            estimated_runtime: 1h
            """;

        TestYaml.AssertError(ErrorOf(yaml), Source, 1, "resources", "required field is missing");
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
