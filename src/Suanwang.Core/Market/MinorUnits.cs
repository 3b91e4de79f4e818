using System.Globalization;

namespace Suanwang.Core.Market;

/// <summary>
/// Money as a whole number of the currency's minor unit (fen, cents): what the ledger stores, so
/// sums are exact and comparisons in SQL are plain integer comparisons.
/// </summary>
public static class MinorUnits
{
    private static readonly decimal[] s_scale = [1m, 10m, 100m, 1000m];

    /// <summary>The amount in minor units; throws <see cref="ArgumentException"/> when it has more decimals than the currency.</summary>
    public static long FromDecimal(decimal amount, string currency)
    {
        var scaled = amount * Scale(currency);
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentException($"{amount.ToString(CultureInfo.InvariantCulture)} has more decimals than {currency} allows", nameof(amount));
        }

        return decimal.ToInt64(scaled);
    }

    /// <summary>The decimal amount of <paramref name="minor"/> minor units.</summary>
    public static decimal ToDecimal(long minor, string currency) => minor / Scale(currency);

    /// <summary>Rounds an amount to the currency's minor unit, halves to even, and returns it in minor units.</summary>
    public static long Round(decimal amount, string currency) =>
        decimal.ToInt64(decimal.Round(amount * Scale(currency), 0, MidpointRounding.ToEven));

    /// <summary>The amount as a plain decimal string with the currency's digits, "100.00" or "-3.50".</summary>
    public static string Format(long minor, string currency)
    {
        var digits = Currencies.MinorDigits(currency);
        return ToDecimal(minor, currency).ToString(digits == 0 ? "0" : "0." + new string('0', digits), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A price per unit (card-hour, token) with at least the currency's digits and up to four more
    /// when it has them: "2.00", "0.0035", "150".
    /// </summary>
    public static string FormatRate(decimal rate, string currency)
    {
        var digits = Currencies.MinorDigits(currency);
        return rate.ToString("0." + new string('0', digits) + "####", CultureInfo.InvariantCulture);
    }

    private static decimal Scale(string currency) => s_scale[Currencies.MinorDigits(currency)];
}
