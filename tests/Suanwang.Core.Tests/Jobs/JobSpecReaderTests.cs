using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Jobs;

public sealed partial class JobSpecReaderTests
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
}
