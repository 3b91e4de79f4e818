namespace Suanwang.Cli.Tests;

public sealed class ServeModelInputErrorTests
{
    [Theory]
    [InlineData("no-equals-sign")]
    [InlineData("=model.gguf")]
    [InlineData("tiny=")]
    [InlineData("two words=model.gguf")]
    public async Task Up_WithServeModelNotNameEqualsPath_NamesTheFlag_AndStartsNothing(string spec)
    {
        var data = Path.Combine(Path.GetTempPath(), "suanwang-up-model-" + Guid.NewGuid().ToString("N"));

        var run = await CliRun.RunAsync("up", "--port", "0", "--data", data, "--serve-model", spec);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("--serve-model", line, StringComparison.Ordinal);
        Assert.Contains("NAME=PATH", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "a refused start creates no data folder");
    }

    [Fact]
    public async Task Up_WithAModelFileThatIsNotThere_NamesThePath_AndStartsNothing()
    {
        var data = Path.Combine(Path.GetTempPath(), "suanwang-up-model-" + Guid.NewGuid().ToString("N"));
        var missing = Path.Combine(data, "missing.gguf");

        var run = await CliRun.RunAsync("up", "--port", "0", "--data", data, "--serve-model", "tiny=" + missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(missing, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "a refused start creates no data folder");
    }

    [Fact]
    public async Task Up_WithAFileThatIsNotGguf_SaysItCannotServeIt_AndStartsNothing()
    {
        var data = Path.Combine(Path.GetTempPath(), "suanwang-up-model-" + Guid.NewGuid().ToString("N"));
        var notGguf = Path.GetTempFileName();
        await File.WriteAllTextAsync(notGguf, "not a model");
        try
        {
            var run = await CliRun.RunAsync("up", "--port", "0", "--data", data, "--serve-model", "tiny=" + notGguf);

            Assert.Equal(2, run.ExitCode);
            // llama.cpp's own reasons come first, as notes; the refusal is the last line.
            Assert.StartsWith("error: --serve-model", run.ErrorLines[^1], StringComparison.Ordinal);
            Assert.Contains("cannot serve the model", run.ErrorLines[^1], StringComparison.Ordinal);
            Assert.False(Directory.Exists(data), "a refused start creates no data folder");
        }
        finally
        {
            File.Delete(notGguf);
        }
    }

    [Fact]
    public async Task Up_WithModelPortAndTwoModels_IsRefused()
    {
        var data = Path.Combine(Path.GetTempPath(), "suanwang-up-model-" + Guid.NewGuid().ToString("N"));
        var file = Path.GetTempFileName();
        try
        {
            var run = await CliRun.RunAsync("up", "--port", "0", "--data", data, "--serve-model", "a=" + file, "--serve-model", "b=" + file, "--model-port", "9000");

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--model-port", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("fake=gpt9", "NAME=KIND")]
    [InlineData("fake", "NAME=KIND")]
    [InlineData("fake=gguf", "for --serve-model models")]
    [InlineData("other=cl100k", "not an --upstream model")]
    public async Task Up_WithABadTokenizer_NamesTheFlag_AndStartsNothing(string spec, string reason)
    {
        var data = Path.Combine(Path.GetTempPath(), "suanwang-up-model-" + Guid.NewGuid().ToString("N"));

        var run = await CliRun.RunAsync("up", "--port", "0", "--data", data, "--upstream", "fake=http://127.0.0.1:9/v1", "--tokenizer", spec);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("--tokenizer", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "a refused start creates no data folder");
    }
}
