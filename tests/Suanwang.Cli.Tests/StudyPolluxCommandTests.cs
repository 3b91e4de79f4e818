using Suanwang.Simulation.Tests.Traces;

namespace Suanwang.Cli.Tests;

public sealed class StudyPolluxCommandTests : IDisposable
{
    private readonly Scratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task StudyPollux_WritesThePageWithOurPoliciesAndThePublishedFigures()
    {
        var page = _scratch.Combine("pollux-comparison.md");

        var run = await CliRun.RunAsync(
            ["study", "pollux", "--network", RepoPaths.Network("pollux-64gpu.yaml"), "--traces", Path.Combine(TracePaths.Root, "pollux"), "--policies", "backfill,las", "--out", page]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Wrote {page}", run.Stdout, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(page);
        Assert.Contains("| load | backfill | las | Tiresias (published) | Optimus (published) | Pollux (published) | lower bound |", text, StringComparison.Ordinal);
        Assert.Contains("--policies backfill,las", text, StringComparison.Ordinal);
        Assert.Contains("| 2.0 |", text, StringComparison.Ordinal);
        Assert.Equal(["pollux-comparison.md"], _scratch.Entries());
    }
}
