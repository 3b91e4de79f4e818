using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Core.Sites;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Scheduling.Tests.Requests;

public sealed class RequestCompilerTests
{
    private const string Network = """
        name: compile
        currency: CNY
        exchange_rates: { USD: 7.1, EUR: 7.8 }
        sites:
          - id: cn-beijing-1
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 600
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 25 }]
          - id: cn-shanghai-1
            owner: o
            jurisdiction: CN:shanghai-ftz
            tier: hub
            carbon: 500
            pools: [{ model: A100-80GB, cards_per_node: 8, nodes: 2, price: 11 }]
          - id: sg-jurong-1
            owner: o
            jurisdiction: SG
            tier: hub
            carbon: 400
            pools: [{ model: A100-80GB, cards_per_node: 8, nodes: 2, price: 2, currency: USD }]
        """;

    private static readonly Core.Networks.Network s_network = Networks.Parse(Network);

    private static int Model(string id) => s_network.Catalog.IndexOf(id);

    private static int Country(string code) => CountryCodes.IndexOf(code);

    private static PlacementRequest Compile(string yaml) => Jobs.Compile(s_network, yaml);

    private static InputException CompileError(string yaml) => Assert.Throws<InputException>(() => Compile(yaml));

    [Fact]
    public void Compile_CopiesIdsShapeAndTimes()
    {
        var spec = Jobs.Spec(s_network, """
            num_nodes: 2
            resources: { accelerators: H100-SXM:8, min_memory_gib: 64 }
            estimated_runtime: 2h
            time_limit: 3h
            priority: 5
            spot: true
            """);

        var job = new RequestCompiler(s_network).Compile(spec, jobId: 42, tenant: 3, submitTime: 1000, "job.yaml");

        Assert.Equal(42, job.JobId);
        Assert.Equal(3, job.Tenant);
        Assert.Equal(1000, job.SubmitTime);
        Assert.Equal(8, job.CardsPerNode);
        Assert.Equal(2, job.Nodes);
        Assert.False(job.AsksForPflops);
        Assert.Equal(64, job.MinMemoryGiB);
        Assert.Equal(7200, job.RuntimeSeconds);
        Assert.Equal(10800, job.TimeLimitSeconds);
        Assert.Equal(5, job.Priority);
        Assert.True(job.Spot);
        Assert.Null(job.Inputs);
    }

    [Fact]
    public void Compile_Defaults_AreUnboundedAndUnrestricted()
    {
        var job = Compile("resources: {}\nestimated_runtime: 1h\n");

        Assert.Equal(ulong.MaxValue, job.ModelMask);
        Assert.Null(job.ModelRank);
        Assert.Equal(double.PositiveInfinity, job.TimeLimitSeconds);
        Assert.Equal(double.PositiveInfinity, job.Budget);
        Assert.True(job.AllowedCountries.IsAll);
        Assert.Null(job.AllowedZones);
        Assert.False(job.ScaleRuntime);
        Assert.Equal(0, job.ReferenceTflops);
    }

    [Fact]
    public void Compile_PreferenceList_SetsMaskBitsAndRanks()
    {
        var job = Compile("resources: { accelerators: [H100, A100-80GB, Ascend-910B], cards: 8 }\nestimated_runtime: 1h\n");

        Assert.Equal((1UL << Model("H100-SXM")) | (1UL << Model("A100-80GB")) | (1UL << Model("Ascend-910B")), job.ModelMask);
        Assert.NotNull(job.ModelRank);
        Assert.Equal(0, job.ModelRank[Model("H100-SXM")]);
        Assert.Equal(1, job.ModelRank[Model("A100-80GB")]);
        Assert.Equal(2, job.ModelRank[Model("Ascend-910B")]);
        Assert.Equal(byte.MaxValue, job.ModelRank[Model("T4")]);
        Assert.Equal(s_network.Catalog.Count, job.ModelRank.Length);
    }

    [Fact]
    public void Compile_AnyOfSet_HasAMaskButNoRanks()
    {
        var job = Compile("resources: { accelerators: { H100-SXM: 8, H200: 8 } }\nestimated_runtime: 1h\n");

        Assert.Equal((1UL << Model("H100-SXM")) | (1UL << Model("H200")), job.ModelMask);
        Assert.Null(job.ModelRank);
    }

    [Fact]
    public void Compile_OneModel_HasNoRanks()
    {
        var job = Compile("resources: { accelerators: A100-80GB:8 }\nestimated_runtime: 1h\n");

        Assert.Equal(1UL << Model("A100-80GB"), job.ModelMask);
        Assert.Null(job.ModelRank);
    }

    [Fact]
    public void Compile_NoReferenceModel_ScalesAgainstTheFirstModel()
    {
        var job = Compile("resources: { accelerators: [A100-80GB, H100-SXM], cards: 8 }\nestimated_runtime: 1h\n");

        Assert.Equal(312, job.ReferenceTflops);
        Assert.True(job.ScaleRuntime);
    }

    [Fact]
    public void Compile_ReferenceModel_SetsTheReferenceSpeed()
    {
        var job = Compile("resources: { accelerators: [H100-SXM, A100-80GB], cards: 8 }\nestimated_runtime: 1h\nreference_model: V100M32\n");

        Assert.Equal(125, job.ReferenceTflops);
        Assert.True(job.ScaleRuntime);
    }

    [Fact]
    public void Compile_ReferenceModelWithoutAcceleratorList_StillScales()
    {
        var job = Compile("resources: { pflops: 1 }\nestimated_runtime: 1h\nreference_model: T4\n");

        Assert.Equal(65, job.ReferenceTflops);
        Assert.True(job.ScaleRuntime);
        Assert.Equal(1, job.Pflops);
        Assert.True(job.AsksForPflops);
    }

    [Fact]
    public void Compile_ScaleRuntimeFalse_IsKept()
    {
        var job = Compile("resources: { accelerators: H100-SXM:8 }\nestimated_runtime: 1h\nscale_runtime: false\n");

        Assert.False(job.ScaleRuntime);
    }

    [Fact]
    public void Compile_UnknownModelInSpec_NamesTheField()
    {
        var spec = Jobs.Spec(s_network, "resources: {}\nestimated_runtime: 1h\n") with
        {
            Resources = new ResourceRequest(["H100-SXM", "B200"], AcceleratorChoice.Preference, 8, 1, null, 0),
        };

        var error = Assert.Throws<InputException>(() => new RequestCompiler(s_network).Compile(spec, 1, 0, 0, "api")).Error;

        Assert.Equal("api", error.Source);
        Assert.Equal("resources.accelerators", error.Field);
        Assert.Contains("'B200' is not in the accelerator catalog", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amount: 710, currency: CNY", 710)]
    [InlineData("amount: 100, currency: USD", 710)]
    [InlineData("amount: 10.5, currency: EUR", 81.9)]
    public void Compile_Budget_IsConvertedToTheBaseCurrency(string budget, double expected)
    {
        var job = Compile($"resources: {{}}\nestimated_runtime: 1h\nbudget: {{ {budget} }}\n");

        Assert.Equal(expected, job.Budget, 9);
    }

    [Fact]
    public void Compile_BudgetInCurrencyWithoutRate_NamesTheField()
    {
        var error = CompileError("resources: {}\nestimated_runtime: 1h\nbudget: { amount: 100, currency: JPY }\n").Error;

        Assert.Equal("budget.currency", error.Field);
        Assert.Contains("no published rate from JPY to CNY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_AllowedJurisdictions_BecomeACountrySet()
    {
        var job = Compile("resources: {}\nestimated_runtime: 1h\nallowed_jurisdictions: [CN, SG]\n");

        Assert.True(job.AllowedCountries.Contains(Country("CN")));
        Assert.True(job.AllowedCountries.Contains(Country("SG")));
        Assert.False(job.AllowedCountries.Contains(Country("US")));
        Assert.Null(job.AllowedZones);
    }

    [Fact]
    public void Compile_AllowedZone_KeepsTheZoneList()
    {
        var job = Compile("""
            resources: {}
            estimated_runtime: 1h
            allowed_jurisdictions:
              - CN:shanghai-ftz
              - SG
            """);

        Assert.NotNull(job.AllowedZones);
        Assert.Equal(["CN:shanghai-ftz", "SG"], job.AllowedZones);
        Assert.Equal(CountrySet.None.With(Country("CN")).With(Country("SG")), job.AllowedCountries);
    }

    [Fact]
    public void Compile_DeclaredInputClass_IsLeftToTheDataLawAtAdmission()
    {
        // Admission asks the data-law engine (rule G0-11) and narrows allowed_jurisdictions; the
        // compiler places within what the spec allows and decides nothing from the class.
        var job = Compile("""
            resources: {}
            estimated_runtime: 1h
            allowed_jurisdictions: [CN, SG]
            inputs:
              - { name: records, size_gb: 10, site: cn-beijing-1, jurisdiction: CN, class: important }
            """);

        Assert.Equal(CountrySet.None.With(Country("CN")).With(Country("SG")), job.AllowedCountries);
    }

    [Fact]
    public void Compile_GeneralInput_DoesNotRestrict()
    {
        var job = Compile("""
            resources: {}
            estimated_runtime: 1h
            inputs:
              - { name: wiki, size_gb: 10, site: cn-beijing-1, jurisdiction: CN }
            """);

        Assert.True(job.AllowedCountries.IsAll);
    }

    [Fact]
    public void Compile_Inputs_ResolveSitesToIndices()
    {
        var job = Compile("""
            resources: {}
            estimated_runtime: 1h
            inputs:
              - { name: a, size_gb: 10, site: sg-jurong-1, jurisdiction: SG }
              - { name: b, size_gb: 2.5, jurisdiction: US }
            """);

        Assert.NotNull(job.Inputs);
        Assert.Equal([new TransferSource(2, 10), new TransferSource(-1, 2.5)], job.Inputs);
    }

    [Fact]
    public void Compile_UnknownInputSite_NamesTheField()
    {
        var error = CompileError("""
            resources: {}
            estimated_runtime: 1h
            inputs:
              - { name: a, size_gb: 1, site: cn-beijing-1, jurisdiction: CN }
              - { name: b, size_gb: 1, site: cn-wuhan-9, jurisdiction: CN }
            """).Error;

        Assert.Equal("inputs[1].site", error.Field);
        Assert.Contains("site 'cn-wuhan-9' is not in network 'compile'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_DataJurisdictionContradictingItsSite_NamesTheField()
    {
        var error = CompileError("""
            resources: {}
            estimated_runtime: 1h
            inputs:
              - { name: a, size_gb: 1, site: sg-jurong-1, jurisdiction: CN }
            """).Error;

        Assert.Equal("inputs[0].jurisdiction", error.Field);
        Assert.Contains("the data is said to be under CN but site 'sg-jurong-1' is in SG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_DataZoneContradictingItsSite_NamesTheField()
    {
        var error = CompileError("""
            resources: {}
            estimated_runtime: 1h
            inputs:
              - { name: a, size_gb: 1, site: cn-beijing-1, jurisdiction: "CN:shanghai-ftz" }
            """).Error;

        Assert.Equal("inputs[0].jurisdiction", error.Field);
    }
}
