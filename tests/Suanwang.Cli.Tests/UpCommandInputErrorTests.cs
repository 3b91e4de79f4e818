namespace Suanwang.Cli.Tests;

public sealed class UpCommandInputErrorTests
{
    [Theory]
    [InlineData("-1")]
    [InlineData("1000001")]
    public async Task Up_WithAPriceOutOfRange_NamesTheFlag_AndStartsNothing(string price)
    {
        var data = Path.Combine(Path.GetTempPath(), "suanwang-up-price-" + Guid.NewGuid().ToString("N"));

        var run = await CliRun.RunAsync("up", "--port", "0", "--data", data, "--price", price);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("--price", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "a refused start creates no data folder");
    }
}
