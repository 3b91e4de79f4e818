using System.Text.Json;

namespace Suanwang.Cli.Tests;

public sealed class SimTokensCommandTests : IDisposable
{
    private readonly Scratch _scratch = new();

    private static string Sample(params string[] parts) => Path.Combine([RepoPaths.Root, "tests", "data", "traces", .. parts]);

    private static string[] Tokens(params string[] more) =>
        ["sim", "tokens", "--network", RepoPaths.Network("tokens-8.yaml"), "--trace", Sample("token-prefix", "sessions.jsonl"), .. more];

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task SimTokens_PrintsOneRowPerPolicyAndTheEventRate()
    {
        var run = await CliRun.RunAsync(Tokens());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Contains("tokens-8 · 275 requests · 15 endpoints · llama-3-8b", run.Stdout, StringComparison.Ordinal);
        foreach (var policy in new[] { "round-robin", "least-load", "price", "prefix-affinity", "combined" })
        {
            Assert.Contains($"│ {policy}", run.Stdout, StringComparison.Ordinal);
        }

        Assert.Matches(@"[\d,]+ events in [\d.]+ s \([\d,]+ events/s\)", run.Stdout);
    }

    [Fact]
    public async Task SimTokens_TwoAzureFilesAndJson_WritesOneObjectForThePoliciesNamed()
    {
        var run = await CliRun.RunAsync(
            "sim", "tokens", "--network", RepoPaths.Network("tokens-8.yaml"),
            "--trace", Sample("azure-llm-2023", "code.csv"), "--trace", Sample("azure-llm-2023", "conv.csv"),
            "--policy", "least-load,combined", "--restricted-share", "0.5", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal(600, root.GetProperty("requests").GetInt32());
        Assert.Equal(0.5, root.GetProperty("restricted_share").GetDouble());
        Assert.Equal(["least-load", "combined"], root.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("policy").GetString()));
        foreach (var r in root.GetProperty("results").EnumerateArray())
        {
            Assert.Equal(600, r.GetProperty("completed").GetInt32() + r.GetProperty("refused").GetInt32());
            Assert.True(r.GetProperty("events_per_second").GetDouble() > 0);
        }
    }

    [Fact]
    public async Task SimTokens_ReportAndMarkdown_WriteTheirFiles()
    {
        var html = _scratch.Combine("tokens.html");
        var md = _scratch.Combine("study.md");

        var run = await CliRun.RunAsync(Tokens("--policy", "prefix-affinity", "--report", html, "--markdown", md));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Report: {html}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("<td>prefix-affinity</td>", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.Contains("| prefix-affinity | 275 |", File.ReadAllText(md), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimTokens_UnknownPolicy_IsRejectedAndWritesNothing()
    {
        var html = _scratch.Combine("tokens.html");

        var run = await CliRun.RunAsync(Tokens("--policy", "fastest", "--report", html));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("'fastest' is not one of combined, round-robin, least-load, price, prefix-affinity, all", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(html));
    }

    [Fact]
    public async Task SimTokens_MalformedTraceLine_NamesFileLineAndField()
    {
        var trace = _scratch.Write("bad.jsonl", "{\"timestamp\": 1, \"input_length\": 5, \"output_length\": 1}\n{\"timestamp\": 2, \"input_length\": \"many\", \"output_length\": 1}\n");

        var run = await CliRun.RunAsync("sim", "tokens", "--network", RepoPaths.Network("tokens-8.yaml"), "--trace", trace);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal([$"error: {trace}:2: input_length: must be a whole number, zero or more"], run.ErrorLines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)));
    }
}
