using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;

namespace Suanwang.Core.Tests.Jobs;

/// <summary>A job names registered datasets by id; the ids are checked and kept through the stored document.</summary>
public sealed class JobSpecDatasetsTests
{
    private const string Head = "name: j\ntenant: acme\nrun: echo hi\n";

    [Fact]
    public void Datasets_AreReadOnceEach_AndSurviveTheDocument()
    {
        var spec = JobSpecReader.Parse(Head + "datasets: [ds-cn, ds.kz_1, ds-cn]\n", "spec.yaml", AcceleratorCatalog.Default);

        Assert.Equal(["ds-cn", "ds.kz_1"], spec.Datasets);
        Assert.Equal(spec, JobDocument.Read(JobDocument.Write(spec)));
        Assert.Null(JobSpecReader.Parse(Head, "spec.yaml", AcceleratorCatalog.Default).Datasets);
    }

    [Theory]
    [InlineData("datasets: [Big Data]", "'Big Data' is not a dataset id")]
    [InlineData("datasets: [\"\"]", "must not be empty")]
    public void A_bad_id_is_located(string line, string phrase)
    {
        var error = Assert.Throws<InputException>(() => JobSpecReader.Parse(Head + line + "\n", "spec.yaml", AcceleratorCatalog.Default)).Error;

        Assert.Equal(("spec.yaml", 4), (error.Source, error.Line));
        Assert.Contains(phrase, error.Message, StringComparison.Ordinal);
    }
}
