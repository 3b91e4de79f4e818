using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Networks;

public sealed class NetworkReaderParseSiteTests
{
    private const string Source = "site";

    private const string Valid = """
        id: cn-wuhan-edge
        owner: Jiangcheng Compute
        jurisdiction: CN
        tier: edge
        carbon: 540
        pools:
          - { model: Ascend-910B, cards_per_node: 8, nodes: 2, price: 9.5 }
          - { model: H100-SXM, cards_per_node: 8, nodes: 1, price: 3, currency: USD }
        """;

    [Fact]
    public void ParseSite_ReadsOneSiteInTheNetworkFileFormat()
    {
        var site = NetworkReader.ParseSite(Valid, Source, AcceleratorCatalog.Default, "CNY", new Dictionary<string, decimal> { ["USD"] = 7.1m });

        Assert.Equal(("cn-wuhan-edge", SiteTier.Edge, 24), (site.Id, site.Tier, site.Cards));
        Assert.Equal("USD", site.Pools[1].Currency);
    }

    [Fact]
    public void ParseSite_PoolInCurrencyWithoutRate_NamesTheFieldAndLine()
    {
        var error = Assert.Throws<InputException>(() => NetworkReader.ParseSite(Valid, Source, AcceleratorCatalog.Default)).Error;

        TestYaml.AssertError(error, Source, TestYaml.LineOf(Valid, "H100-SXM"), "pools[1].currency", "no exchange rate for USD");
    }

    [Fact]
    public void ParseSite_OrbitalSite_IsRejectedForWantOfLinks()
    {
        var yaml = Valid.Replace("tier: edge", "tier: orbital", StringComparison.Ordinal);

        var error = Assert.Throws<InputException>(() => NetworkReader.ParseSite(yaml, Source, AcceleratorCatalog.Default, "CNY", new Dictionary<string, decimal> { ["USD"] = 7.1m })).Error;

        TestYaml.AssertError(error, Source, TestYaml.LineOf(yaml, "tier:"), "tier", "needs links");
    }
}
