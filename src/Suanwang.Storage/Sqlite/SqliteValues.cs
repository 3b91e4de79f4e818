using System.Globalization;
using Microsoft.Data.Sqlite;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Sqlite;

/// <summary>How values are written to and read from SQLite columns.</summary>
internal static class SqliteValues
{
    /// <summary>The columns <see cref="ReadJob"/> reads, in order.</summary>
    public const string JobColumns =
        "id, tenant, name, spec, state, priority, site, pool, nodes, cards_per_node, fence, submitted_at, started_at, ended_at, exit_code, accelerator_seconds, reason";

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

    /// <summary>The job at the reader's current row, read from <see cref="JobColumns"/>.</summary>
    public static JobRecord ReadJob(SqliteDataReader reader) => new(
        Id: reader.GetInt64(0),
        Tenant: reader.GetString(1),
        Name: reader.GetString(2),
        Spec: reader.GetString(3),
        State: JobStates.Parse(reader.GetString(4)) ?? throw new InvalidDataException($"job {reader.GetInt64(0)} has unknown state '{reader.GetString(4)}'"),
        Priority: reader.GetInt32(5),
        Site: reader.IsDBNull(6) ? null : reader.GetString(6),
        Pool: reader.IsDBNull(7) ? null : reader.GetInt32(7),
        Nodes: reader.IsDBNull(8) ? null : reader.GetString(8),
        CardsPerNode: reader.GetInt32(9),
        Fence: reader.GetInt64(10),
        SubmittedAt: ParseTime(reader.GetString(11)),
        StartedAt: reader.IsDBNull(12) ? null : ParseTime(reader.GetString(12)),
        EndedAt: reader.IsDBNull(13) ? null : ParseTime(reader.GetString(13)),
        ExitCode: reader.IsDBNull(14) ? null : reader.GetInt32(14),
        AcceleratorSeconds: reader.GetDouble(15),
        Reason: reader.IsDBNull(16) ? null : reader.GetString(16));

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
