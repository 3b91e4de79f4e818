using Suanwang.Core.Errors;
using Suanwang.Simulation.Tokens;

namespace Suanwang.Simulation.Tests.Tokens;

public sealed class TokenTraceReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("suanwang-tokens-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Azure_Sample_ReadsEveryRowFromTimeZero()
    {
        var trace = TokenTraceReader.Read([TokenSamples.AzureCode]);
        Assert.Equal(300, trace.Count);
        Assert.Equal(0, trace.Arrival[0]);
        Assert.Equal(4808, trace.Input[0]);
        Assert.Equal(10, trace.Output[0]);
        Assert.Equal(0.052, trace.Arrival[1], 6);
        Assert.False(trace.HasBlocks);
        Assert.True(trace.Blocks(0).IsEmpty);
    }

    [Fact]
    public void TwoFiles_MergeByArrival()
    {
        var trace = TokenTraceReader.Read([TokenSamples.AzureCode, TokenSamples.AzureConv]);
        Assert.Equal(600, trace.Count);
        for (var i = 1; i < trace.Count; i++)
        {
            Assert.True(trace.Arrival[i] >= trace.Arrival[i - 1]);
        }

        // conv.csv starts at 18:15:46.68, code.csv at 18:17:03.98.
        Assert.Equal(374, trace.Input[0]);
        Assert.Equal("code.csv, conv.csv", trace.Source);
    }

    [Fact]
    public void JsonLines_ReadsBlocksAndMillisecondTimes()
    {
        var path = Write("t.jsonl", """
            {"timestamp": 1500, "input_length": 700, "output_length": 5, "hash_ids": [1, 2]}
            {"timestamp": 500, "input_length": 100, "output_length": 3, "hash_ids": [9], "extra": {"x": [1]}}

            """);
        var trace = TokenTraceReader.Read([path]);
        Assert.Equal(2, trace.Count);
        Assert.Equal([0, 1.0], trace.Arrival);
        Assert.Equal([100, 700], trace.Input);
        Assert.Equal([9UL], trace.Blocks(0).ToArray());
        Assert.Equal([1UL, 2UL], trace.Blocks(1).ToArray());
    }

    [Fact]
    public void SessionsSample_HasBlocksOnEveryRequest()
    {
        var trace = TokenTraceReader.Read([TokenSamples.Sessions]);
        Assert.Equal(275, trace.Count);
        Assert.True(trace.HasBlocks);
        for (var i = 0; i < trace.Count; i++)
        {
            Assert.Equal((trace.Input[i] + 511) / 512, trace.Blocks(i).Length);
        }
    }

    [Theory]
    [InlineData("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,10,2\nyesterday,4,5\n", 3, "TIMESTAMP")]
    [InlineData("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,-10,2\n", 2, "ContextTokens")]
    [InlineData("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,10\n", 2, "")]
    [InlineData("{\"timestamp\": 1, \"input_length\": 5, \"output_length\": 1}\n{\"timestamp\": 2, \"output_length\": 1}\n", 2, "input_length")]
    [InlineData("{\"timestamp\": 1, \"input_length\": 5, \"output_length\": 1, \"hash_ids\": [1, -2]}\n", 1, "hash_ids")]
    [InlineData("{\"timestamp\": 1, \"input_length\": 5,\n", 1, "")]
    [InlineData("id,arrival\n1,2\n", 1, "")]
    public void Malformed_IsAnInputErrorNamingLineAndField(string text, int line, string field)
    {
        var path = Write("bad.txt", text);
        var e = Assert.Throws<InputException>(() => TokenTraceReader.Read([path]));
        Assert.Equal(path, e.Error.Source);
        Assert.Equal(line, e.Error.Line);
        Assert.Equal(field, e.Error.Field);
    }

    [Fact]
    public void MissingFile_IsAnInputErrorNamingIt()
    {
        var path = Path.Combine(_folder, "none.csv");
        var e = Assert.Throws<InputException>(() => TokenTraceReader.Read([path]));
        Assert.Equal(path, e.Error.Source);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
