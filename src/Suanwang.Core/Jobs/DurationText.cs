using System.Globalization;

namespace Suanwang.Core.Jobs;

/// <summary>Parses durations written as <c>90</c> (seconds), <c>90s</c>, <c>15m</c>, <c>2h</c>, <c>1.5d</c> or <c>1h30m</c>.</summary>
public static class DurationText
{
    /// <summary>The forms <see cref="TryParseSeconds"/> reads, as a regular expression (ECMA-262) for schemas; positivity is checked apart.</summary>
    public const string Pattern = @"^(([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?|(([0-9]+(\.[0-9]*)?|\.[0-9]+)[smhdSMHD])+)$";

    /// <summary>Seconds in the text, or null with a reason.</summary>
    public static double? TryParseSeconds(string text, out string? reason)
    {
        reason = null;
        var s = text.Trim().ToLowerInvariant();
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            return Check(plain, text, out reason);
        }

        double total = 0;
        var i = 0;
        var any = false;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || i == s.Length ||
                !double.TryParse(s.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                reason = $"'{text}' is not a duration such as 90s, 15m, 2h or 1h30m";
                return null;
            }

            var unit = s[i++] switch
            {
                's' => 1.0,
                'm' => 60.0,
                'h' => 3600.0,
                'd' => 86400.0,
                _ => 0.0,
            };
            if (unit == 0)
            {
                reason = $"'{text}' has an unknown unit; use s, m, h or d";
                return null;
            }

            total += number * unit;
            any = true;
        }

        if (!any)
        {
            reason = $"'{text}' is not a duration";
            return null;
        }

        return Check(total, text, out reason);
    }

    private static double? Check(double seconds, string text, out string? reason)
    {
        if (!double.IsFinite(seconds) || seconds <= 0)
        {
            reason = $"'{text}' must be a positive duration";
            return null;
        }

        reason = null;
        return seconds;
    }
}
