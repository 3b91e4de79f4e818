using System.Text.RegularExpressions;
using Suanwang.Core.Jobs;

namespace Suanwang.Core.Tests.Jobs;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("2h", 7200)]
    [InlineData("1.5d", 129600)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d2h3m4s", 93784)]
    [InlineData("0.5h", 1800)]
    [InlineData(" 2H ", 7200)]
    [InlineData("2.5", 2.5)]
    public void TryParseSeconds_ValidText_GivesSeconds(string text, double seconds)
    {
        var result = DurationText.TryParseSeconds(text, out var reason);

        Assert.Equal(seconds, result);
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("", "'' is not a duration")]
    [InlineData("h", "'h' is not a duration such as 90s, 15m, 2h or 1h30m")]
    [InlineData("1h30", "'1h30' is not a duration such as")]
    [InlineData("3y", "'3y' has an unknown unit; use s, m, h or d")]
    [InlineData("1..5h", "'1..5h' is not a duration such as")]
    [InlineData("0", "'0' must be a positive duration")]
    [InlineData("0h", "'0h' must be a positive duration")]
    [InlineData("-90", "'-90' must be a positive duration")]
    [InlineData("NaN", "'NaN' must be a positive duration")]
    [InlineData("Infinity", "'Infinity' must be a positive duration")]
    public void TryParseSeconds_InvalidText_GivesNullAndAReason(string text, string reason)
    {
        var result = DurationText.TryParseSeconds(text, out var why);

        Assert.Null(result);
        Assert.NotNull(why);
        Assert.StartsWith(reason, why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90")]
    [InlineData("90s")]
    [InlineData("1.5d")]
    [InlineData("1d2h3m4s")]
    [InlineData("0.5h")]
    [InlineData("2H")]
    [InlineData("2.5")]
    [InlineData("1e3")]
    public void Pattern_TextTheParserReads_Matches(string text)
    {
        Assert.NotNull(DurationText.TryParseSeconds(text, out _));
        Assert.Matches(new Regex(DurationText.Pattern, RegexOptions.CultureInvariant), text);
    }

    [Theory]
    [InlineData("h")]
    [InlineData("1h30")]
    [InlineData("3y")]
    [InlineData("1..5h")]
    [InlineData("-90")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("2 hours")]
    [InlineData("")]
    public void Pattern_TextTheParserRefuses_DoesNotMatch(string text)
    {
        Assert.Null(DurationText.TryParseSeconds(text, out _));
        Assert.DoesNotMatch(new Regex(DurationText.Pattern, RegexOptions.CultureInvariant), text);
    }
}
