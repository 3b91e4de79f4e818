using System.Globalization;

namespace Suanwang.Core.Market;

/// <summary>Reads amounts users write ("100", "100.5", "100.00") into minor units, with a message saying what is wrong.</summary>
public static class MoneyText
{
    /// <summary>Largest amount accepted, in whole units of any currency.</summary>
    public const decimal MaxUnits = 1_000_000_000_000m;

    /// <summary>
    /// Parses <paramref name="text"/> as an amount of <paramref name="currency"/>: digits with an optional
    /// sign and decimal point, no more decimals than the currency has, at most <see cref="MaxUnits"/>.
    /// </summary>
    public static bool TryParse(string? text, string currency, out long minor, out string error)
    {
        minor = 0;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "an amount is required, for example \"100.00\"";
            return false;
        }

        var digits = Currencies.MinorDigits(currency);
        if (!LooksLikeAmount(text))
        {
            error = $"'{text}' is not an amount; write digits with an optional decimal point, for example \"100.00\"";
            return false;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || Math.Abs(amount) > MaxUnits)
        {
            error = $"'{text}' is out of range; the most is {MaxUnits.ToString("0", CultureInfo.InvariantCulture)}";
            return false;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0 && text.Length - point - 1 > digits)
        {
            error = $"'{text}' has more decimals than {currency} allows ({digits})";
            return false;
        }

        minor = MinorUnits.FromDecimal(amount, currency);
        return true;
    }

    private static bool LooksLikeAmount(string text)
    {
        var start = text[0] is '-' or '+' ? 1 : 0;
        var sawDigit = false;
        var sawPoint = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                sawDigit = true;
            }
            else if (c == '.' && !sawPoint)
            {
                sawPoint = true;
            }
            else
            {
                return false;
            }
        }

        return sawDigit;
    }
}
