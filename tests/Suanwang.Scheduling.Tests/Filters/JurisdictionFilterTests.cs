using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Framework;

namespace Suanwang.Scheduling.Tests.Filters;

public sealed class JurisdictionFilterTests
{
    private const string Network = """
        name: asia
        currency: CNY
        sites:
          - id: cn-beijing-1
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 600
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 25 }]
          - id: cn-tianjin-1
            owner: o
            jurisdiction: CN:tianjin-ftz
            tier: hub
            carbon: 600
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 25 }]
          - id: sg-jurong-1
            owner: o
            jurisdiction: SG
            tier: hub
            carbon: 400
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 25 }]
          - id: kz-almaty-1
            owner: o
            jurisdiction: KZ
            tier: edge
            carbon: 300
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 25 }]
        """;

    private readonly JurisdictionFilter _filter = new();

    [Fact]
    public void Filter_NoRestriction_KeepsEverySite()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\n");

        Assert.Equal(
            ["cn-beijing-1/H100-SXM", "cn-tianjin-1/H100-SXM", "sg-jurong-1/H100-SXM", "kz-almaty-1/H100-SXM"],
            Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_AllowedCountry_KeepsItsSitesInAnyZone()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\nallowed_jurisdictions: [CN]\n");

        Assert.Equal(["cn-beijing-1/H100-SXM", "cn-tianjin-1/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_AllowedZone_KeepsOnlySitesInThatZone()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: {}
            estimated_runtime: 1h
            allowed_jurisdictions:
              - CN:tianjin-ftz
            """);

        Assert.Equal(["cn-tianjin-1/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_ZoneAndAnotherCountry_KeepsBoth()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: {}
            estimated_runtime: 1h
            allowed_jurisdictions:
              - CN:Tianjin-FTZ
              - SG
            """);

        Assert.Equal(["cn-tianjin-1/H100-SXM", "sg-jurong-1/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_ImportantDataInCN_KeepsOnlyCNSites()
    {
        // As admitted: the data-law engine narrowed allowed_jurisdictions to CN (G0-11).
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: {}
            estimated_runtime: 1h
            allowed_jurisdictions: [CN]
            inputs:
              - { name: records, size_gb: 10, site: cn-beijing-1, jurisdiction: CN, class: important }
            """);

        Assert.Equal(["cn-beijing-1/H100-SXM", "cn-tianjin-1/H100-SXM"], Candidates.Passing(_filter, job, state));
    }

    [Fact]
    public void Filter_GeneralData_DoesNotRestrict()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: {}
            estimated_runtime: 1h
            inputs:
              - { name: wiki, size_gb: 10, site: cn-beijing-1, jurisdiction: CN }
            """);

        Assert.Equal(4, Candidates.Passing(_filter, job, state).Length);
    }

    [Fact]
    public void Explain_CountryOutside_IsUnresolvableAndNamesTheJurisdiction()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, "resources: {}\nestimated_runtime: 1h\nallowed_jurisdictions: [CN]\n");

        var status = _filter.Explain(job, state, 0, state.Pool("sg-jurong-1", "H100-SXM"));

        Assert.Equal(new Status(StatusCode.UnschedulableAndUnresolvable, "jurisdiction SG is outside what the job allows"), status);
    }

    [Fact]
    public void Explain_RightCountryWrongZone_IsUnresolvableAndSaysZone()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: {}
            estimated_runtime: 1h
            allowed_jurisdictions:
              - CN:tianjin-ftz
            """);

        var status = _filter.Explain(job, state, 0, state.Pool("cn-beijing-1", "H100-SXM"));

        Assert.Equal(new Status(StatusCode.UnschedulableAndUnresolvable, "zone of CN is not among the job's allowed zones"), status);
    }

    [Fact]
    public void Explain_AllowedZone_IsSuccess()
    {
        var state = Networks.State(Network);
        var job = Jobs.Compile(state.Network, """
            resources: {}
            estimated_runtime: 1h
            allowed_jurisdictions:
              - CN:tianjin-ftz
            """);

        Assert.Equal(Status.Success, _filter.Explain(job, state, 0, state.Pool("cn-tianjin-1", "H100-SXM")));
    }
}
