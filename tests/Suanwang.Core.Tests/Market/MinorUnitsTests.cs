using Suanwang.Core.Market;

namespace Suanwang.Core.Tests.Market;

public sealed class MinorUnitsTests
{
    [Theory]
    [InlineData("CNY", 2)]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    public void Currencies_have_their_iso_minor_digits(string code, int digits) =>
        Assert.Equal(digits, Currencies.MinorDigits(code));

    [Theory]
    [InlineData("CNY", true)]
    [InlineData("cny", false)]
    [InlineData("CN", false)]
    [InlineData("CNY1", false)]
    [InlineData(null, false)]
    public void Only_three_upper_case_letters_are_a_code(string? text, bool expected) =>
        Assert.Equal(expected, Currencies.IsCode(text));

    [Fact]
    public void Amounts_convert_exactly_both_ways()
    {
        Assert.Equal(10_050, MinorUnits.FromDecimal(100.50m, "CNY"));
        Assert.Equal(100.5m, MinorUnits.ToDecimal(10_050, "CNY"));
        Assert.Equal(1234, MinorUnits.FromDecimal(1234m, "JPY"));
        Assert.Equal(1_234_567, MinorUnits.FromDecimal(1234.567m, "KWD"));
    }

    [Fact]
    public void A_fraction_of_the_minor_unit_is_refused_not_rounded() =>
        Assert.Throws<ArgumentException>(() => MinorUnits.FromDecimal(1.005m, "CNY"));

    [Theory]
    [InlineData("0.125", 12)]
    [InlineData("0.135", 14)]
    [InlineData("-0.125", -12)]
    [InlineData("2.3449", 234)]
    public void Rounding_takes_halves_to_even(string amount, long expected) =>
        Assert.Equal(expected, MinorUnits.Round(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "CNY"));

    [Theory]
    [InlineData(10_000, "CNY", "100.00")]
    [InlineData(-350, "USD", "-3.50")]
    [InlineData(5, "JPY", "5")]
    [InlineData(1, "KWD", "0.001")]
    public void Formatting_shows_the_currency_digits(long minor, string currency, string text) =>
        Assert.Equal(text, MinorUnits.Format(minor, currency));

    [Theory]
    [InlineData("2", "CNY", "2.00")]
    [InlineData("2.5", "CNY", "2.50")]
    [InlineData("0.0035", "USD", "0.0035")]
    [InlineData("150", "JPY", "150")]
    [InlineData("1.25", "KWD", "1.250")]
    public void Rates_show_at_least_the_currency_digits(string rate, string currency, string text) =>
        Assert.Equal(text, MinorUnits.FormatRate(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), currency));
}
