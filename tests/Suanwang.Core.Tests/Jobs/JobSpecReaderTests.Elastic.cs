using Suanwang.Core.Jobs;

namespace Suanwang.Core.Tests.Jobs;

// preemptible, grace and elastic: values, defaults and located errors.
public sealed partial class JobSpecReaderTests
{
    [Fact]
    public void Parse_PreemptibleWithGrace_ReadsBoth()
    {
        var spec = Parse("""
            name: j
            tenant: t
            preemptible: true
            grace: 45s
            """);

        Assert.True(spec.Preemptible);
        Assert.Equal(45, spec.GraceSeconds);
        Assert.Equal(45, spec.Grace);
        Assert.True(spec.Checkpoints);
        Assert.Null(spec.Elastic);
    }

    [Fact]
    public void Parse_NeitherPreemptibleNorElastic_DefaultsToFixedWork()
    {
        var spec = Parse("name: j\ntenant: t\n");

        Assert.False(spec.Preemptible);
        Assert.Null(spec.GraceSeconds);
        Assert.Equal(JobSpecFields.DefaultGraceSeconds, spec.Grace);
        Assert.False(spec.Checkpoints);
    }

    [Theory]
    [InlineData("grace: 0.5s", "grace", "shorter than the least allowed, 1 s")]
    [InlineData("grace: 11m", "grace", "longer than the most allowed")]
    [InlineData("grace: soon", "grace", "is not a duration")]
    public void Parse_GraceOutOfBounds_NamesTheField(string line, string field, string phrase) =>
        TestYaml.AssertError(ErrorOf($"name: j\ntenant: t\npreemptible: true\n{line}\n"), Source, 4, field, phrase);

    [Fact]
    public void Parse_GraceWithoutCheckpoints_IsRefused() =>
        TestYaml.AssertError(ErrorOf("name: j\ntenant: t\ngrace: 30s\n"), Source, 3, "grace", "set preemptible: true or elastic");

    [Fact]
    public void Parse_Elastic_ReadsRangeAndSortedTable()
    {
        var spec = Parse("""
            name: j
            tenant: t
            elastic:
              min_cards: 1
              max_cards: 4
              scaling: {4: 3.5, 1: 1.0, 2: 1.9}
            """);

        var elastic = spec.Elastic!;
        Assert.Equal(1, elastic.MinCards);
        Assert.Equal(4, elastic.MaxCards);
        Assert.Equal([new ScalingPoint(1, 1.0), new ScalingPoint(2, 1.9), new ScalingPoint(4, 3.5)], elastic.Scaling);
        Assert.Equal(1, spec.Resources.CardsPerNode);
        Assert.True(spec.Checkpoints);
        Assert.Equal(spec, JobDocument.Read(JobDocument.Write(spec)));
    }

    [Fact]
    public void Parse_ElasticWithoutCards_StartsOnMinCards()
    {
        var spec = Parse("name: j\ntenant: t\nelastic: {min_cards: 2, max_cards: 8}\n");

        Assert.Equal(2, spec.Resources.CardsPerNode);
        Assert.Empty(spec.Elastic!.Scaling);
        Assert.Equal(8, spec.Elastic.SpeedupAt(8));
    }

    [Fact]
    public void SpeedupAt_InterpolatesBetweenRowsAndStaysFlatPastTheLast()
    {
        var elastic = new ElasticSpec(1, 8, [new ScalingPoint(1, 1.0), new ScalingPoint(2, 1.9), new ScalingPoint(4, 3.5)]);

        Assert.Equal(1.0, elastic.SpeedupAt(1));
        Assert.Equal(2.7, elastic.SpeedupAt(3), 9);
        Assert.Equal(3.5, elastic.SpeedupAt(8));
        Assert.Equal(0, elastic.SpeedupAt(0));
    }

    [Theory]
    [InlineData("elastic: {min_cards: 4, max_cards: 2}", 3, "elastic.max_cards", "below min_cards")]
    [InlineData("elastic: {min_cards: 0, max_cards: 2}", 3, "elastic.min_cards", "out of range")]
    [InlineData("elastic: {min_cards: 1, max_cards: 65}", 3, "elastic.max_cards", "out of range")]
    [InlineData("elastic: {max_cards: 2}", 3, "elastic.min_cards", "required field is missing")]
    [InlineData("elastic: {min_cards: 1, max_cards: 2, step: 1}", 3, "elastic.step", "")]
    [InlineData("elastic: {min_cards: 1, max_cards: 4, scaling: {1: 1.0, 2: 0.9}}", 3, "elastic.scaling", "must not fall")]
    [InlineData("elastic: {min_cards: 1, max_cards: 4, scaling: {1: 0}}", 3, "elastic.scaling.1", "positive speed-up")]
    [InlineData("elastic: {min_cards: 1, max_cards: 4, scaling: {x: 1}}", 3, "elastic.scaling", "not a card count")]
    [InlineData("elastic: {min_cards: 1, max_cards: 4, scaling: {65: 1}}", 3, "elastic.scaling", "not a card count")]
    [InlineData("elastic: {min_cards: 1, max_cards: 4, scaling: 2}", 3, "elastic.scaling", "mapping of card count")]
    [InlineData("elastic: {min_cards: 1, max_cards: 4}\nnum_nodes: 2", 4, "num_nodes", "one node")]
    [InlineData("elastic: {min_cards: 1, max_cards: 4}\nresources: {pflops: 1}", 3, "elastic", "not pflops")]
    [InlineData("elastic: {min_cards: 2, max_cards: 4}\nresources: {cards: 8}", 4, "resources.cards", "outside elastic min_cards..max_cards (2..4)")]
    public void Parse_BadElastic_NamesTheField(string lines, int line, string field, string phrase) =>
        TestYaml.AssertError(ErrorOf($"name: j\ntenant: t\n{lines}\n"), Source, line, field, phrase);
}
