using System.Globalization;

namespace Suanwang.ControlPlane.Statements;

/// <summary>The period a statement covers, read from its query: <c>month=2026-11</c>, or <c>from</c> and <c>to</c> (ISO 8601, UTC when no offset is given); this month by default.</summary>
public static class StatementPeriod
{
    private const string Formats = "an ISO 8601 date or time such as 2026-11-01 or 2026-11-01T08:00:00Z";

    /// <summary>The period, or the field at fault and why.</summary>
    public static (DateTimeOffset From, DateTimeOffset To, string? Field, string? Error) Parse(string? month, string? from, string? to, DateTimeOffset now)
    {
        if (month is not null)
        {
            if (from is not null || to is not null)
            {
                return (default, default, "month", "give either month or from and to, not both");
            }

            if (!DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var first))
            {
                return (default, default, "month", $"'{month}' is not a month such as 2026-11");
            }

            var start = new DateTimeOffset(first, TimeSpan.Zero);
            return (start, start.AddMonths(1), null, null);
        }

        var thisMonth = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var begin = thisMonth;
        var end = thisMonth.AddMonths(1);
        if (from is not null && !TryTime(from, out begin))
        {
            return (default, default, "from", $"'{from}' is not {Formats}");
        }

        if (to is not null && !TryTime(to, out end))
        {
            return (default, default, "to", $"'{to}' is not {Formats}");
        }

        if (end <= begin)
        {
            return (default, default, "to", "the period must end after it begins");
        }

        return end - begin > TimeSpan.FromDays(366)
            ? (default, default, "to", "a statement covers at most 366 days")
            : (begin, end, null, null);
    }

    private static bool TryTime(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
}
