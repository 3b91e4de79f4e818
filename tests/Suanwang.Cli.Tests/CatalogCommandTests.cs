using System.Text.Json;
using Suanwang.Core.Accelerators;

namespace Suanwang.Cli.Tests;

public sealed class CatalogCommandTests
{
    [Fact]
    public async Task Catalog_FormatJson_ListsEveryModelWithItsPPerCard()
    {
        var run = await CliRun.RunAsync("catalog", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var rows = doc.RootElement.GetProperty("accelerators").EnumerateArray().ToArray();
        var models = AcceleratorCatalog.Default.Models;
        Assert.Equal(models.Select(m => m.Id), rows.Select(r => r.GetProperty("id").GetString()));
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(models[i].Vendor, rows[i].GetProperty("vendor").GetString());
            Assert.Equal(models[i].Fp16Tflops, rows[i].GetProperty("fp16_tflops").GetDouble());
            Assert.Equal(models[i].Pflops, rows[i].GetProperty("p_per_card").GetDouble());
            Assert.Equal(models[i].MemoryGiB, rows[i].GetProperty("memory_gib").GetDouble());
        }
    }

    [Fact]
    public async Task Catalog_Table_ShowsEveryModelId()
    {
        var run = await CliRun.RunAsync("catalog");

        Assert.Equal(0, run.ExitCode);
        Assert.All(AcceleratorCatalog.Default.Models, m => Assert.Contains(m.Id, run.Stdout, StringComparison.Ordinal));
        Assert.Contains("0.989", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_UnknownFormat_ExitsWithInvalidInput()
    {
        var run = await CliRun.RunAsync("catalog", "--format", "yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["error: --format: 'yaml' is not one of table, json"], run.ErrorLines);
        Assert.Equal("", run.Stdout);
    }
}
