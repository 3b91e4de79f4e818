namespace Suanwang.Cli.Tests.Client;

public sealed class UnreachableServerTests
{
    [Fact]
    public async Task Jobs_NothingListening_ExitsOneSayingItCannotReachTheServer()
    {
        // Port 1 (tcpmux) is privileged and never served on a test machine: connection refused.
        var run = await CliRun.RunAsync("jobs", "--server", "http://127.0.0.1:1", "--api-key", "k");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: cannot reach the server at http://127.0.0.1:1/: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_NoServerAnywhere_ExitsTwoSayingWhereItLooked()
    {
        using var scratch = new Scratch();

        var run = await CliRun.RunAsync("jobs", "--data", scratch.Path, "--api-key", "k");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --server: no server: pass --server URL", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
