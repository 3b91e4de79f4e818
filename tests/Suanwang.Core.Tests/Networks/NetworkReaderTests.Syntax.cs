using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Networks;
using Suanwang.Core.Yaml;

namespace Suanwang.Core.Tests.Networks;

// Network and site files share the YAML loading of job specs: broken or hostile syntax is a located error.
public sealed partial class NetworkReaderTests
{
    [Fact]
    public void Parse_NestedDeeperThanTheLimit_IsALocatedError()
    {
        var yaml = "name: deep\nsites:\n  - " + new string('[', 30_000) + new string(']', 30_000) + "\n";

        var error = ErrorOf(yaml);

        Assert.Equal((Source, 3, ""), (error.Source, error.Line, error.Field));
        Assert.Contains($"nested deeper than {DepthLimitedParser.MaxDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedFlowMapping_IsALocatedYamlError()
    {
        var yaml = Valid.Replace("location: { lat: 39.1, lon: 117.2 }", "location: { lat: 39.1, lon: 117.2", StringComparison.Ordinal);

        var error = ErrorOf(yaml);

        Assert.Equal(Source, error.Source);
        Assert.True(error.Line >= TestYaml.LineOf(yaml, "location: {"), $"line {error.Line}");
        Assert.StartsWith("not valid YAML: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSite_NestedDeeperThanTheLimit_IsALocatedError()
    {
        var yaml = "id: x\npools: " + new string('[', 100) + new string(']', 100) + "\n";

        var error = Assert.Throws<InputException>(() => NetworkReader.ParseSite(yaml, "site.yaml", AcceleratorCatalog.Default)).Error;

        Assert.Equal(("site.yaml", 2), (error.Source, error.Line));
        Assert.Contains("nested deeper than", error.Message, StringComparison.Ordinal);
    }
}
