using Npgsql;
using NpgsqlTypes;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Postgres;

/// <summary>How values are written to and read from PostgreSQL columns.</summary>
internal static class PostgresValues
{
    /// <summary>Adds a text parameter.</summary>
    public static void AddText(this NpgsqlParameterCollection parameters, string name, string? value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });

    /// <summary>Adds a bigint parameter.</summary>
    public static void AddLong(this NpgsqlParameterCollection parameters, string name, long value) =>
        parameters.Add(new NpgsqlParameter<long>(name, NpgsqlDbType.Bigint) { TypedValue = value });

    /// <summary>Adds an integer parameter.</summary>
    public static void AddInt(this NpgsqlParameterCollection parameters, string name, int? value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Integer) { Value = (object?)value ?? DBNull.Value });

    /// <summary>Adds a double precision parameter.</summary>
    public static void AddDouble(this NpgsqlParameterCollection parameters, string name, double value) =>
        parameters.Add(new NpgsqlParameter<double>(name, NpgsqlDbType.Double) { TypedValue = value });

    /// <summary>Adds a boolean parameter.</summary>
    public static void AddBool(this NpgsqlParameterCollection parameters, string name, bool value) =>
        parameters.Add(new NpgsqlParameter<bool>(name, NpgsqlDbType.Boolean) { TypedValue = value });

    /// <summary>Adds a nullable bigint parameter.</summary>
    public static void AddLong(this NpgsqlParameterCollection parameters, string name, long? value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = (object?)value ?? DBNull.Value });

    /// <summary>Adds a text[] parameter.</summary>
    public static void AddTextArray(this NpgsqlParameterCollection parameters, string name, string[] values) =>
        parameters.Add(new NpgsqlParameter<string[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values });

    /// <summary>Adds an integer[] parameter.</summary>
    public static void AddIntArray(this NpgsqlParameterCollection parameters, string name, IReadOnlyList<int> values) =>
        parameters.Add(new NpgsqlParameter<int[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. values] });

    /// <summary>Adds a bigint[] parameter.</summary>
    public static void AddLongArray(this NpgsqlParameterCollection parameters, string name, long[] values) =>
        parameters.Add(new NpgsqlParameter<long[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = values });

    /// <summary>Adds a double precision[] parameter.</summary>
    public static void AddDoubleArray(this NpgsqlParameterCollection parameters, string name, double[] values) =>
        parameters.Add(new NpgsqlParameter<double[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = values });

    /// <summary>Adds a timestamptz[] parameter; PostgreSQL takes only UTC.</summary>
    public static void AddTimeArray(this NpgsqlParameterCollection parameters, string name, DateTimeOffset[] values) =>
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]>(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = Array.ConvertAll(values, v => v.ToUniversalTime()) });

    /// <summary>Adds a boolean[] parameter.</summary>
    public static void AddBoolArray(this NpgsqlParameterCollection parameters, string name, bool[] values) =>
        parameters.Add(new NpgsqlParameter<bool[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Boolean) { TypedValue = values });

    /// <summary>Adds a nullable timestamptz parameter.</summary>
    public static void AddTime(this NpgsqlParameterCollection parameters, string name, DateTimeOffset? value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = value is { } at ? at.ToUniversalTime() : DBNull.Value });

    /// <summary>Adds a timestamptz parameter; PostgreSQL takes only UTC.</summary>
    public static void AddTime(this NpgsqlParameterCollection parameters, string name, DateTimeOffset value) =>
        parameters.Add(new NpgsqlParameter<DateTimeOffset>(name, NpgsqlDbType.TimestampTz) { TypedValue = value.ToUniversalTime() });

    /// <summary>A timestamptz column as UTC.</summary>
    public static DateTimeOffset GetTime(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>The job at the reader's current row, read from <see cref="JobSql.Columns"/>.</summary>
    public static JobRecord ReadJob(NpgsqlDataReader reader) =>
        JobRows.Read(reader, static (r, i) => r.GetFieldValue<DateTimeOffset>(i), static (r, i) => r.GetFieldValue<int[]>(i));

    /// <summary>Every job left in the result set.</summary>
    public static async Task<IReadOnlyList<JobRecord>> ReadJobsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var jobs = new List<JobRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(ReadJob(reader));
        }

        return jobs;
    }

    /// <summary>The first job of the result set, or null.</summary>
    public static async Task<JobRecord?> ReadJobOrNullAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadJob(reader) : null;

    /// <summary>True when the statement returned a row: the compare-and-set matched.</summary>
    public static Task<bool> AnyRowAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) => reader.ReadAsync(cancellationToken);
}
