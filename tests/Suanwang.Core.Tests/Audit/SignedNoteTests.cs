using Suanwang.Core.Audit;

namespace Suanwang.Core.Tests.Audit;

public sealed class SignedNoteTests
{
    [Fact]
    public void Note_FormatThenParse_GivesTheSameTextAndSignatures()
    {
        var text = new Checkpoint("example.com/log", 12, new byte[32]).Text();
        var note = new SignedNote(text, [new NoteSignature("example.com/log", 0x01020304, [9, 8, 7, 6, 5])]);
        var parsed = SignedNote.TryParse(note.Format(), out var error);
        Assert.Null(error);
        Assert.Equal(text, parsed!.Text);
        Assert.Equal(0x01020304u, parsed.Signatures[0].KeyId);
        Assert.Equal(new byte[] { 9, 8, 7, 6, 5 }, parsed.Signatures[0].Signature);
        Assert.Equal(12, Checkpoint.TryParse(parsed.Text, out _)!.Size);
    }

    [Theory]
    [InlineData("example.com/log\n12\nAAAA\n")]
    [InlineData("example.com/log\n012\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("example.com/log\n12\n")]
    public void Checkpoint_Malformed_IsRefusedWithAReason(string text)
    {
        Assert.Null(Checkpoint.TryParse(text, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0xfb)]
    public void VerifierKey_RoundTrips_AndAWrongIdIsRefused(int fill)
    {
        // 0xfb bytes make '+' characters in the base64 key.
        var key = Enumerable.Range(0, 32).Select(i => (byte)(fill == 0 ? i : fill)).ToArray();
        var text = SignedNote.VerifierKey("example.com/log", key);
        var parsed = SignedNote.TryParseVerifierKey(text, out _);
        Assert.Equal("example.com/log", parsed!.Value.Name);
        Assert.Equal(key, parsed.Value.PublicKey);
        Assert.Null(SignedNote.TryParseVerifierKey("other.example/log" + text[text.IndexOf('+', StringComparison.Ordinal)..], out var error));
        Assert.NotNull(error);
    }
}
