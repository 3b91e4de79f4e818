using System.Text.Json;
using Suanwang.Core.Errors;
using Suanwang.Simulation.Reporting;

namespace Suanwang.Simulation.Tests.Reporting;

public sealed class ReportDirectoryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Write_MissingDirectory_CreatesItWithBothFiles()
    {
        var target = Path.Combine(_temp.Path, "runs", "philly");

        ReportDirectory.Write(target, SampleResults.Result());

        Assert.Equal(["report.html", "summary.json"], Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(target, ReportDirectory.SummaryFileName)));
        Assert.Equal(990, json.RootElement.GetProperty("jobs").GetProperty("completed").GetInt32());
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(target, ReportDirectory.HtmlFileName)), StringComparison.Ordinal);
        Assert.Equal(["runs"], _temp.Entries());
    }

    [Fact]
    public void Write_HtmlFile_HasNoByteOrderMark()
    {
        ReportDirectory.Write(_temp.Path, SampleResults.Result());

        var bytes = File.ReadAllBytes(Path.Combine(_temp.Path, ReportDirectory.HtmlFileName));
        Assert.Equal((byte)'<', bytes[0]);
    }

    [Fact]
    public void Write_ExistingDirectory_ReplacesTheReportAndKeepsOtherFiles()
    {
        var target = Path.Combine(_temp.Path, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(target, ReportDirectory.SummaryFileName), "old");

        ReportDirectory.Write(target, SampleResults.Result());

        Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "notes.txt")));
        Assert.StartsWith("{", File.ReadAllText(Path.Combine(target, ReportDirectory.SummaryFileName)), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(target, ReportDirectory.HtmlFileName)));
        Assert.Equal(["out"], _temp.Entries());
    }

    [Fact]
    public void Write_RenderThrows_CreatesNothing()
    {
        var target = Path.Combine(_temp.Path, "out");

        Assert.Throws<InvalidOperationException>(() => ReportDirectory.Write(target, FailingSecondFile()));

        Assert.Empty(_temp.Entries());
    }

    [Fact]
    public void Write_RenderThrows_RemovesTheParentFoldersItCreated()
    {
        var target = Path.Combine(_temp.Path, "runs", "2024", "out");

        Assert.Throws<InvalidOperationException>(() => ReportDirectory.Write(target, FailingSecondFile()));

        Assert.Empty(_temp.Entries());
    }

    [Fact]
    public void Write_RenderThrows_LeavesThePreviousReportUntouched()
    {
        var target = Path.Combine(_temp.Path, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, ReportDirectory.SummaryFileName), "old");

        Assert.Throws<InvalidOperationException>(() => ReportDirectory.Write(target, FailingSecondFile()));

        Assert.Equal(["summary.json"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, ReportDirectory.SummaryFileName)));
        Assert.Equal(["out"], _temp.Entries());
    }

    [Fact]
    public void Write_PathIsAFile_ThrowsInputErrorForReportOption()
    {
        var file = Path.Combine(_temp.Path, "report.txt");
        File.WriteAllText(file, "x");

        var ex = Assert.Throws<InputException>(() => ReportDirectory.Write(file, SampleResults.Result()));

        Assert.Equal("--report", ex.Error.Field);
        Assert.Equal(file, ex.Error.Source);
        Assert.Contains("is a file", ex.Message, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(file));
        Assert.Equal(["report.txt"], _temp.Entries());
    }

    [Fact]
    public void Write_ParentIsAFile_ThrowsInputErrorForReportOption()
    {
        var file = Path.Combine(_temp.Path, "plain");
        File.WriteAllText(file, "x");

        var ex = Assert.Throws<InputException>(() => ReportDirectory.Write(Path.Combine(file, "out"), SampleResults.Result()));

        Assert.Equal("--report", ex.Error.Field);
        Assert.Contains("cannot write the report", ex.Message, StringComparison.Ordinal);
    }

    private static List<ReportFile> FailingSecondFile() =>
    [
        new ReportFile(ReportDirectory.SummaryFileName, stream => stream.Write("{}"u8)),
        new ReportFile(ReportDirectory.HtmlFileName, stream =>
        {
            stream.Write("<!DOCTYPE html><p>half"u8);
            throw new InvalidOperationException("renderer broke");
        }),
    ];
}
