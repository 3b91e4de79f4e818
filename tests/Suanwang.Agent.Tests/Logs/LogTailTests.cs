using System.Text;
using Suanwang.Agent.Logs;
using Suanwang.Agent.Tests.Fakes;

namespace Suanwang.Agent.Tests.Logs;

public sealed class LogTailTests : IDisposable
{
    private readonly TempFolder _work = new();

    public void Dispose() => _work.Dispose();

    private string FilePath => Path.Combine(_work.Path, "output.log");

    [Fact]
    public async Task MissingFile_HasNothingToRead()
    {
        var tail = new LogTail(FilePath);

        Assert.Null(await tail.ReadAsync(complete: true, CancellationToken.None));
    }

    [Fact]
    public async Task AppendedBytes_ComeBackWithTheirOffsets()
    {
        var tail = new LogTail(FilePath);
        await File.WriteAllTextAsync(FilePath, "abc");

        var first = await tail.ReadAsync(false, CancellationToken.None);
        Assert.Null(await tail.ReadAsync(false, CancellationToken.None));
        await File.AppendAllTextAsync(FilePath, "defg");
        var second = await tail.ReadAsync(false, CancellationToken.None);

        Assert.Equal(new LogChunk(0, "abc", 3), first);
        Assert.Equal(new LogChunk(3, "defg", 4), second);
        Assert.Equal(7, tail.Offset);
    }

    [Fact]
    public async Task LargeOutput_IsSplitIntoChunksOfAtMostTheChunkSize()
    {
        var tail = new LogTail(FilePath, chunkBytes: 4);
        await File.WriteAllTextAsync(FilePath, "0123456789");

        var chunks = new List<LogChunk>();
        while (await tail.ReadAsync(false, CancellationToken.None) is { } chunk)
        {
            chunks.Add(chunk);
        }

        Assert.Equal([0L, 4L, 8L], chunks.Select(c => c.Offset));
        Assert.Equal("0123456789", string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public async Task PartialCharacter_WaitsForItsLastBytes_UnlessTheJobHasEnded()
    {
        var tail = new LogTail(FilePath);
        var bytes = Encoding.UTF8.GetBytes("ok 算");
        await File.WriteAllBytesAsync(FilePath, bytes[..^1]);

        var first = await tail.ReadAsync(false, CancellationToken.None);
        Assert.Equal(new LogChunk(0, "ok ", 3), first);
        Assert.Null(await tail.ReadAsync(false, CancellationToken.None));

        await File.WriteAllBytesAsync(FilePath, bytes);
        Assert.Equal(new LogChunk(3, "算", 3), await tail.ReadAsync(false, CancellationToken.None));
    }

    [Fact]
    public async Task PartialCharacter_AtTheEndOfAFinishedJob_IsSentAsAReplacementCharacter()
    {
        var tail = new LogTail(FilePath);
        await File.WriteAllBytesAsync(FilePath, Encoding.UTF8.GetBytes("算")[..2]);

        var chunk = await tail.ReadAsync(complete: true, CancellationToken.None);

        Assert.Equal(0, chunk!.Offset);
        Assert.Equal(2, chunk.Bytes);
        Assert.Equal("\uFFFD", chunk.Text);
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("ab\u00e9", 4)]
    [InlineData("\U0001F600", 4)]
    public void CompleteCharacters_OfWholeText_IsItsLength(string text, int length) =>
        Assert.Equal(length, LogTail.CompleteCharacters(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void CompleteCharacters_StopsBeforeACutFourByteCharacter()
    {
        var bytes = Encoding.UTF8.GetBytes("a\U0001F600");

        Assert.Equal(1, LogTail.CompleteCharacters(bytes.AsSpan(0, 4)));
    }
}
