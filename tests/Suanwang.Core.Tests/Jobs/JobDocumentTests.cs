using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Jobs;

public sealed class JobDocumentTests
{
    public static TheoryData<string> ExampleJobs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot(), "examples", "jobs"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleJobs))]
    public void Read_OfWrite_GivesTheSameSpec(string file)
    {
        var spec = JobSpecReader.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "examples", "jobs", file)), file, AcceleratorCatalog.Default);

        var json = JobDocument.Write(spec);
        var back = JobDocument.Read(json);

        AssertSame(spec, back);
        Assert.Equal(json, JobDocument.Write(back));
    }

    [Fact]
    public void Write_EveryField_IsCanonicalAndExact()
    {
        var spec = new JobSpec(
            "train",
            "acme",
            "python train.py --lr 0.1",
            new ResourceRequest(["H100-SXM", "A100-80GB"], AcceleratorChoice.AnyOf, 8, 2, 0.1 + 0.2, 40),
            7200.123456789,
            "H100-SXM",
            false,
            3600,
            -5,
            true,
            new Money.Money(12.345m, "CNY"),
            [new DataInput("corpus", 1.5, "bj-1", new Jurisdiction("CN", "tianjin-ftz"), DataClass.Important)],
            [new Jurisdiction("CN"), new Jurisdiction("SG")]);

        var json = JobDocument.Write(spec);
        var back = JobDocument.Read(json);

        AssertSame(spec, back);
        Assert.Equal(0.1 + 0.2, back.Resources.Pflops);
        Assert.Equal(12.345m, back.Budget!.Value.Amount);
        Assert.StartsWith("{\"name\":\"train\",\"tenant\":\"acme\",\"run\":", json, StringComparison.Ordinal);
        Assert.Contains("\"cards_per_node\":8", json, StringComparison.Ordinal);
        Assert.Contains("\"choice\":\"AnyOf\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("must_stay", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("name: j")]
    [InlineData("{\"name\":\"j\"}")]
    [InlineData("{\"name\":\"j\",\"tenant\":\"t\",\"surprise\":1}")]
    public void Read_NotADocument_ThrowsInvalidData(string text) =>
        Assert.Throws<InvalidDataException>(() => JobDocument.Read(text));

    private static void AssertSame(JobSpec expected, JobSpec actual)
    {
        Assert.Equal(expected with { Resources = actual.Resources, Inputs = actual.Inputs, AllowedJurisdictions = actual.AllowedJurisdictions }, actual);
        Assert.Equal(expected.Resources with { Accelerators = actual.Resources.Accelerators }, actual.Resources);
        Assert.Equal(expected.Resources.Accelerators, actual.Resources.Accelerators);
        Assert.Equal(expected.Inputs, actual.Inputs);
        Assert.Equal(expected.AllowedJurisdictions, actual.AllowedJurisdictions);
    }

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "README.md")) || !Directory.Exists(Path.Combine(dir, "examples")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("repository root not found");
        }

        return dir;
    }
}
