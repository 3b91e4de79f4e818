using System.Reflection;
using System.Text;
using System.Text.Json;
using Suanwang.Simulation.Reporting;

namespace Suanwang.Simulation.Tests.Reporting;

public sealed class SummaryJsonTests
{
    [Fact]
    public void Serialize_WritesRequiredKeysWithRoundedValues()
    {
        using var doc = JsonDocument.Parse(SummaryJson.Serialize(SampleResults.Summary()));
        var root = doc.RootElement;

        Assert.Equal(990, root.GetProperty("jobs").GetProperty("completed").GetInt32());
        Assert.Equal(3723.5, root.GetProperty("jct").GetProperty("mean_s").GetDouble());
        Assert.Equal(72000.1, root.GetProperty("jct").GetProperty("p99_s").GetDouble());
        Assert.Equal(120.0, root.GetProperty("wait").GetProperty("mean_s").GetDouble());
        Assert.Equal(0.7123, root.GetProperty("utilization").GetDouble());
        Assert.Equal(6789.012, root.GetProperty("co2_kg").GetDouble());
        Assert.Equal(1234.6, root.GetProperty("lower_bound").GetProperty("jct_mean_s").GetDouble());
        Assert.Equal(864000.0, root.GetProperty("makespan_s").GetDouble());
        Assert.Equal("east-data-west-compute", root.GetProperty("network").GetString());
        Assert.Equal(42, root.GetProperty("seed").GetInt32());
        Assert.Equal(123_456_789, root.GetProperty("events").GetInt64());

        var site = root.GetProperty("sites")[0];
        Assert.Equal("cn-guiyang-1", site.GetProperty("id").GetString());
        Assert.Equal(0.8123, site.GetProperty("utilization").GetDouble());
        Assert.Equal(3600.0, site.GetProperty("downtime_s").GetDouble());
        Assert.Equal(600, site.GetProperty("jobs_started").GetInt32());
    }

    [Fact]
    public void Serialize_CostIsAJsonNumberWithTheExactDecimal()
    {
        using var doc = JsonDocument.Parse(SummaryJson.Serialize(SampleResults.Summary()));
        var cost = doc.RootElement.GetProperty("cost");

        Assert.Equal(JsonValueKind.Number, cost.ValueKind);
        Assert.Equal(123_456.789012345678m, cost.GetDecimal());
        Assert.Equal("123456.789012345678", cost.GetRawText());
    }

    [Fact]
    public void Serialize_WritesEveryPropertyOfEveryRecord()
    {
        using var doc = JsonDocument.Parse(SummaryJson.Serialize(SampleResults.Summary()));
        var root = doc.RootElement;

        AssertHasAll(root, typeof(SimulationSummary));
        AssertHasAll(root.GetProperty("jobs"), typeof(JobCounts));
        AssertHasAll(root.GetProperty("jct"), typeof(Distribution));
        AssertHasAll(root.GetProperty("wait"), typeof(Distribution));
        AssertHasAll(root.GetProperty("lower_bound"), typeof(LowerBound));
        AssertHasAll(root.GetProperty("sites")[1], typeof(SiteSummary));
    }

    [Fact]
    public void Serialize_LeavesTheRecordExact()
    {
        var summary = SampleResults.Summary();

        _ = SummaryJson.Serialize(summary);

        Assert.Equal(3723.456, summary.Jct.MeanS);
        Assert.Equal(0.712345678, summary.Utilization);
        Assert.Equal(0.8123456, summary.Sites[0].Utilization);
    }

    [Fact]
    public void Serialize_IsIndentedWithLineFeeds()
    {
        var json = SummaryJson.Serialize(SampleResults.Summary());

        Assert.StartsWith("{\n  \"network\": \"east-data-west-compute\",\n", json, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', json);
    }

    [Fact]
    public void Serialize_KeepsChineseNamesReadableAndEscapesMarkup()
    {
        var summary = SampleResults.Summary() with { Network = "东数西算 <east>" };

        var json = SummaryJson.Serialize(summary);

        Assert.Contains("东数西算", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<east>", json, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("东数西算 <east>", doc.RootElement.GetProperty("network").GetString());
    }

    [Fact]
    public void Serialize_NonFiniteFigure_ThrowsNamingTheField()
    {
        var summary = SampleResults.Summary() with { JainFairness = double.NaN };

        var ex = Assert.Throws<ArgumentException>(() => SummaryJson.Serialize(summary));

        Assert.Contains("jain_fairness", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_InfiniteSiteFigure_ThrowsNamingTheSite()
    {
        var sites = new[]
        {
            new SiteSummary("a", 8, 0.5, 1, 0, 0),
            new SiteSummary("b", 8, double.PositiveInfinity, 1, 0, 0),
        };

        var ex = Assert.Throws<ArgumentException>(() => SummaryJson.Serialize(SampleResults.Summary(sites)));

        Assert.Contains("sites[1].utilization", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WritesTheSameJsonAndAFinalNewline()
    {
        var summary = SampleResults.Summary();
        using var stream = new MemoryStream();

        SummaryJson.Write(stream, summary);

        Assert.Equal(SummaryJson.Serialize(summary) + "\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void AssertHasAll(JsonElement element, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            Assert.True(element.TryGetProperty(name, out _), $"{type.Name}.{property.Name} is missing as '{name}'");
        }
    }
}
