using System.Globalization;
using Microsoft.Data.Sqlite;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Sqlite;

/// <summary>How values are written to and read from SQLite columns.</summary>
internal static class SqliteValues
{
    // UTC text to the microsecond: sorts as it reads, and matches what PostgreSQL keeps.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>A time as stored.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A stored time.</summary>
    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Adds a parameter, writing null as SQL NULL.</summary>
    public static void Bind(this SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    /// <summary>The job at the reader's current row, read from <see cref="JobSql.Columns"/>.</summary>
    public static JobRecord ReadJob(SqliteDataReader reader) =>
        JobRows.Read(reader, static (r, i) => ParseTime(r.GetString(i)), static (r, i) => IndexLists.Read(r.GetString(i)));

    /// <summary>Every job the command selects.</summary>
    public static List<JobRecord> ReadJobs(SqliteCommand command)
    {
        var jobs = new List<JobRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            jobs.Add(ReadJob(reader));
        }

        return jobs;
    }
}
