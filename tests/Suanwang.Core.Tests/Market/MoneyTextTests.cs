using Suanwang.Core.Market;

namespace Suanwang.Core.Tests.Market;

public sealed class MoneyTextTests
{
    [Theory]
    [InlineData("100", 10_000)]
    [InlineData("100.5", 10_050)]
    [InlineData("100.00", 10_000)]
    [InlineData("-3.25", -325)]
    [InlineData("0.01", 1)]
    public void Plain_decimal_amounts_parse(string text, long minor)
    {
        Assert.True(MoneyText.TryParse(text, "CNY", out var parsed, out var error), error);
        Assert.Equal(minor, parsed);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("  ", "required")]
    [InlineData(null, "required")]
    [InlineData("1e3", "not an amount")]
    [InlineData("1,000.00", "not an amount")]
    [InlineData("abc", "not an amount")]
    [InlineData("1.2.3", "not an amount")]
    [InlineData(".", "not an amount")]
    [InlineData("100.001", "more decimals than CNY")]
    [InlineData("1000000000001", "out of range")]
    public void Bad_amounts_say_what_is_wrong(string? text, string message)
    {
        Assert.False(MoneyText.TryParse(text, "CNY", out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Yen_amounts_take_no_decimals()
    {
        Assert.False(MoneyText.TryParse("100.5", "JPY", out _, out var error));
        Assert.Contains("(0)", error, StringComparison.Ordinal);
    }
}
