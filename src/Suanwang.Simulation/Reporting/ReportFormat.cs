using System.Globalization;

namespace Suanwang.Simulation.Reporting;

/// <summary>Formats report figures for people: durations in the largest sensible unit, counts with separators.</summary>
internal static class ReportFormat
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>Shown where a figure has no value.</summary>
    public const string None = "\u2014";

    /// <summary>Seconds as "0 s", "850 ms", "42.5 s", "12.3 min", "1.03 h" or "9.26 d": three significant digits in the largest fitting unit.</summary>
    public static string Duration(double seconds) => seconds switch
    {
        double.NaN or double.PositiveInfinity or double.NegativeInfinity => None,
        0 => "0 s",
        < 1 => Significant(seconds * 1000) + " ms",
        < 60 => Significant(seconds) + " s",
        < 3600 => Significant(seconds / 60) + " min",
        < 2 * 86_400 => Significant(seconds / 3600) + " h",
        _ => Significant(seconds / 86_400) + " d",
    };

    /// <summary>A 0..1 share as a percentage with one decimal.</summary>
    public static string Percent(double share) =>
        double.IsFinite(share) ? (share * 100).ToString("0.0", s_invariant) + "%" : None;

    /// <summary>A whole number with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", s_invariant);

    /// <summary>A number with <paramref name="decimals"/> decimals and thousands separators.</summary>
    public static string Number(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("N" + decimals.ToString(s_invariant), s_invariant) : None;

    /// <summary>Money with two decimals and the currency code.</summary>
    public static string Money(decimal amount, string currency) => amount.ToString("N2", s_invariant) + " " + currency;

    /// <summary>How many times larger <paramref name="value"/> is than <paramref name="bound"/>, or a dash when the bound is not positive.</summary>
    public static string Ratio(double value, double bound) =>
        bound > 0 && double.IsFinite(value) && double.IsFinite(bound) ? (value / bound).ToString("0.00", s_invariant) + "\u00d7" : None;

    /// <summary>Three significant digits for values from 1 up, whole numbers from 100 up; no trailing zeros.</summary>
    public static string Significant(double value) => value switch
    {
        < 10 => value.ToString("0.##", s_invariant),
        < 100 => value.ToString("0.#", s_invariant),
        _ => value.ToString("N0", s_invariant),
    };

    /// <summary>A plot coordinate: at most one decimal, no trailing zeros.</summary>
    public static string Coordinate(double value) => value.ToString("0.#", s_invariant);
}
