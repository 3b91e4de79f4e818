using Suanwang.Core.Schemas;

namespace Suanwang.Core.Tests.Schemas;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData('\0')]
    [InlineData('\u001b')]
    [InlineData('\r')]
    [InlineData('\n')]
    [InlineData('\t')]
    [InlineData('\u007f')]
    [InlineData('\u0085')]
    [InlineData('\u061C')]
    [InlineData('\u200E')]
    [InlineData('\u202A')]
    [InlineData('\u202E')]
    [InlineData('\u2028')]
    [InlineData('\u2066')]
    [InlineData('\u2069')]
    public void IsUnsafe_ControlsAndBidiCharacters_AreUnsafeInANameLine(char c)
    {
        Assert.True(PlainText.IsUnsafe(c));
    }

    [Theory]
    [InlineData('a')]
    [InlineData(' ')]
    [InlineData('é')]
    [InlineData('算')]
    [InlineData('\u2065')]
    [InlineData('\u206A')]
    public void IsUnsafe_PrintableCharacters_AreSafe(char c)
    {
        Assert.False(PlainText.IsUnsafe(c));
    }

    [Fact]
    public void IsUnsafe_TabAndLineFeed_AreSafeOnlyInMultilineText()
    {
        Assert.Equal((false, false, true), (PlainText.IsUnsafe('\t', multiline: true), PlainText.IsUnsafe('\n', multiline: true), PlainText.IsUnsafe('\r', multiline: true)));
    }

    [Fact]
    public void Escape_WritesEachUnsafeCharacterAsAnEscape_AndLeavesTheRest()
    {
        Assert.Equal(@"ok\e[2J\r\n\t\0\u202Eexe\u0007 算网", PlainText.Escape("ok\u001b[2J\r\n\t\0\u202Eexe\u0007 算网"));
        Assert.Equal("plain", PlainText.Escape("plain"));
        Assert.Equal("", PlainText.Escape(null));
    }

    [Fact]
    public void NameProblem_IsNullForAPlainName_AndSaysWhatIsWrongOtherwise()
    {
        Assert.Null(PlainText.NameProblem("llama pretrain 算网"));
        Assert.Equal("is 4 characters long; the most is 3", PlainText.NameProblem("abcd", 3));
        Assert.Equal(@"holds the control or bidirectional character \u2067 at position 2; names are plain text on one line", PlainText.NameProblem("a\u2067"));
    }
}
