using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;

namespace Suanwang.Core.Tests.Accelerators;

public sealed class AcceleratorCatalogTests
{
    [Theory]
    [InlineData("P100", "NVIDIA", 16, 18.7, 250)]
    [InlineData("V100-16GB", "NVIDIA", 16, 125, 300)]
    [InlineData("V100-32GB", "NVIDIA", 32, 125, 300)]
    [InlineData("T4", "NVIDIA", 16, 65, 70)]
    [InlineData("A10", "NVIDIA", 24, 125, 150)]
    [InlineData("A100-40GB", "NVIDIA", 40, 312, 400)]
    [InlineData("A100-80GB", "NVIDIA", 80, 312, 400)]
    [InlineData("H100-SXM", "NVIDIA", 80, 989, 700)]
    [InlineData("H20", "NVIDIA", 96, 148, 400)]
    [InlineData("H200", "NVIDIA", 141, 989, 700)]
    [InlineData("Ascend-910B", "Huawei", 64, 320, 400)]
    [InlineData("MLU370-X8", "Cambricon", 48, 96, 250)]
    [InlineData("MLU590", "Cambricon", 80, 314, 350)]
    public void Default_RequiredModel_HasVendorMemoryTflopsPowerAndSource(string id, string vendor, double memoryGiB, double tflops, double watts)
    {
        Assert.True(AcceleratorCatalog.Default.TryGet(id, out var model));

        Assert.Equal(id, model.Id);
        Assert.Equal(vendor, model.Vendor);
        Assert.Equal(memoryGiB, model.MemoryGiB);
        Assert.Equal(tflops, model.Fp16Tflops);
        Assert.Equal(watts, model.TdpWatts);
        Assert.False(string.IsNullOrWhiteSpace(model.Source));
        Assert.False(string.IsNullOrWhiteSpace(model.Name));
    }

    [Fact]
    public void Default_ModelPositions_AreTheirIndices()
    {
        var catalog = AcceleratorCatalog.Default;

        Assert.Equal(catalog.Models.Count, catalog.Count);
        for (var i = 0; i < catalog.Count; i++)
        {
            Assert.Equal(i, catalog.IndexOf(catalog[i].Id));
        }
    }

    [Fact]
    public void Default_Ids_AreUniqueIgnoringCase()
    {
        var ids = AcceleratorCatalog.Default.Models.Select(m => m.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("V100M16", "V100-16GB")]
    [InlineData("V100", "V100-16GB")]
    [InlineData("V100M32", "V100-32GB")]
    [InlineData("H100", "H100-SXM")]
    [InlineData("A100", "A100-40GB")]
    [InlineData("910B", "Ascend-910B")]
    [InlineData("MLU370", "MLU370-X8")]
    [InlineData("P100-16GB", "P100")]
    public void IndexOf_Alias_ResolvesToItsModel(string alias, string id)
    {
        var catalog = AcceleratorCatalog.Default;

        Assert.Equal(catalog.IndexOf(id), catalog.IndexOf(alias));
        Assert.True(catalog.TryGet(alias, out var model));
        Assert.Equal(id, model.Id);
    }

    [Theory]
    [InlineData("h100-sxm")]
    [InlineData("v100m16")]
    [InlineData("ASCEND-910B")]
    public void IndexOf_IgnoresCase(string name)
    {
        Assert.True(AcceleratorCatalog.Default.IndexOf(name) >= 0);
    }

    [Fact]
    public void TryGet_UnknownModel_ReturnsFalseAndIndexOfMinusOne()
    {
        Assert.False(AcceleratorCatalog.Default.TryGet("B200", out _));
        Assert.Equal(-1, AcceleratorCatalog.Default.IndexOf("B200"));
    }

    [Fact]
    public void Parse_DuplicateId_NamesFileLineAndField()
    {
        const string yaml = """
            accelerators:
              - id: X1
                vendor: Acme
                name: X1
                memory_gib: 16
                fp16_tflops: 100
                tdp_watts: 300
                source: test
              - id: x1
                vendor: Acme
                name: X1 again
                memory_gib: 16
                fp16_tflops: 100
                tdp_watts: 300
                source: test
            """;

        var error = Assert.Throws<InputException>(() => AcceleratorCatalog.Parse(yaml, "catalog.yaml")).Error;

        TestYaml.AssertError(error, "catalog.yaml", TestYaml.LineOf(yaml, "id: x1"), "accelerators[1].id", "'x1' names two accelerators");
    }

    [Fact]
    public void Parse_AliasThatIsAnotherModelsId_IsRejectedAtTheAliasLine()
    {
        const string yaml = """
            accelerators:
              - id: X1
                vendor: Acme
                name: X1
                memory_gib: 16
                fp16_tflops: 100
                tdp_watts: 300
                source: test
              - id: X2
                vendor: Acme
                name: X2
                memory_gib: 32
                fp16_tflops: 200
                tdp_watts: 300
                source: test
                aliases: [X2-32GB, X1]
            """;

        var error = Assert.Throws<InputException>(() => AcceleratorCatalog.Parse(yaml, "catalog.yaml")).Error;

        TestYaml.AssertError(error, "catalog.yaml", TestYaml.LineOf(yaml, "aliases:"), "accelerators[1].aliases", "'X1' names two accelerators");
    }

    [Fact]
    public void Parse_MissingTflops_NamesTheField()
    {
        const string yaml = """
            accelerators:
              - id: X1
                vendor: Acme
                name: X1
                memory_gib: 16
                tdp_watts: 300
                source: test
            """;

        var error = Assert.Throws<InputException>(() => AcceleratorCatalog.Parse(yaml, "catalog.yaml")).Error;

        TestYaml.AssertError(error, "catalog.yaml", TestYaml.LineOf(yaml, "id: X1"), "accelerators[0].fp16_tflops", "required field is missing");
    }

    [Fact]
    public void Parse_EmptyList_IsRejected()
    {
        const string yaml = "accelerators: []\n";

        var error = Assert.Throws<InputException>(() => AcceleratorCatalog.Parse(yaml, "catalog.yaml")).Error;

        TestYaml.AssertError(error, "catalog.yaml", 1, "accelerators", "lists no accelerators");
    }
}
