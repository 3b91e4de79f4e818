namespace Suanwang.Cli.Tests;

public sealed class StudySaturatedCommandTests : IDisposable
{
    private readonly Scratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task StudySaturated_OnTheSampleTrace_WritesThePageWithEveryLoadAndTheCommandThatMadeIt()
    {
        var page = _scratch.Combine("saturated-federation.md");
        var trace = Path.Combine(RepoPaths.Root, "tests", "data", "traces", "philly", "philly.csv");

        var run = await CliRun.RunAsync(
            ["study", "saturated", "--network", RepoPaths.Network("philly-15.yaml"), "--trace", trace, "--policies", "backfill,las", "--out", page]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Wrote {page}", run.Stdout, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(page);
        Assert.Contains("## How the load was chosen", text, StringComparison.Ordinal);
        Assert.Contains("| each site alone, fifo | each site alone, backfill | federation, backfill | federation, las |", text, StringComparison.Ordinal);
        Assert.Contains("--policies backfill,las", text, StringComparison.Ordinal);
        Assert.Contains("## Load 2.0x", text, StringComparison.Ordinal);
        Assert.Equal(["saturated-federation.md"], _scratch.Entries());
    }
}
