using System.Text.Json;
using Suanwang.Simulation.Tests.Traces;

namespace Suanwang.Cli.Tests;

public sealed class SimCommandTests : IDisposable
{
    private readonly Scratch _scratch = new();

    private static string[] Pollux(params string[] more) =>
        ["sim", "--network", RepoPaths.Network("pollux-64gpu.yaml"), "--trace", TracePaths.PolluxWorkload(1), .. more];

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Sim_PolluxWorkloadOnItsTestbed_PrintsTheSummaryTable()
    {
        var run = await CliRun.RunAsync(Pollux());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Contains("pollux-64gpu · fifo · time", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("160 of 160", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("USD", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Report:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sim_FormatJson_WritesOneJsonObjectAndNothingElse()
    {
        var run = await CliRun.RunAsync(Pollux("--format", "json", "--policy", "fair-share-backfill", "--objective", "cost"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);

        // Parse fails on anything after the object, so this is exactly one JSON value.
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(160, root.GetProperty("jobs").GetProperty("completed").GetInt32());
        Assert.Equal("fair-share-backfill", root.GetProperty("policy").GetString());
        Assert.Equal("cost", root.GetProperty("objective").GetString());
        var jctMean = root.GetProperty("jct").GetProperty("mean_s").GetDouble();
        Assert.True(root.GetProperty("jct").GetProperty("p99_s").GetDouble() >= jctMean);
        Assert.True(root.GetProperty("wait").GetProperty("mean_s").GetDouble() >= 0);
        Assert.InRange(root.GetProperty("utilization").GetDouble(), 0.000001, 1);
        Assert.True(root.GetProperty("cost").GetDecimal() > 0);
        Assert.True(root.GetProperty("co2_kg").GetDouble() > 0);
        Assert.InRange(root.GetProperty("lower_bound").GetProperty("jct_mean_s").GetDouble(), 1, jctMean);
    }

    [Fact]
    public async Task Sim_Report_WritesTheSummaryAndThePageIntoTheFolder()
    {
        var folder = _scratch.Combine("report");

        var run = await CliRun.RunAsync(Pollux("--format", "json", "--report", folder));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["report"], _scratch.Entries());
        Assert.Equal(["report.html", "summary.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // One run, two renderings: the file holds what standard output showed.
        Assert.Equal(run.Stdout.TrimEnd(), File.ReadAllText(Path.Combine(folder, "summary.json")).TrimEnd());
        var html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("pollux-64gpu", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sim_ReportWithTable_SaysWhereThePageIs()
    {
        var folder = _scratch.Combine("out");

        var run = await CliRun.RunAsync(Pollux("--report", folder));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Report: {Path.Combine(folder, "report.html")}", run.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "report.html")));
    }

    [Fact]
    public async Task Sim_SameArguments_GiveTheSameJsonButForWallTime()
    {
        var args = Pollux("--format", "json", "--spot-share", "0.4", "--seed", "9", "--policy", "backfill");

        var first = await CliRun.RunAsync(args);
        var second = await CliRun.RunAsync(args);

        Assert.Equal(WithoutWallTime(first.Stdout), WithoutWallTime(second.Stdout));
    }

    [FullTracesFact]
    public async Task Sim_PhillyTraceOverThePhillyNetwork_RunsEveryJobToTheEnd()
    {
        var run = await CliRun.RunAsync(
            "sim", "--network", RepoPaths.Network("philly-15.yaml"), "--trace", TracePaths.Philly, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        var jobs = root.GetProperty("jobs");
        Assert.Equal("philly-15", root.GetProperty("network").GetString());
        Assert.Equal(82247, jobs.GetProperty("submitted").GetInt32());
        Assert.Equal(82247, jobs.GetProperty("completed").GetInt32() + jobs.GetProperty("rejected").GetInt32());
        Assert.Equal(15, root.GetProperty("sites").GetArrayLength());
        Assert.True(root.GetProperty("makespan_s").GetDouble() >= root.GetProperty("lower_bound").GetProperty("makespan_s").GetDouble());
    }

    private static string WithoutWallTime(string json) =>
        string.Join('\n', json.Split('\n').Where(line => !line.Contains("\"wall_seconds\"", StringComparison.Ordinal)));
}
