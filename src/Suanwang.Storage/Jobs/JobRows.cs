using System.Data.Common;

namespace Suanwang.Storage.Jobs;

/// <summary>Reads a job row in the column order both dialects select; only how a time is stored differs.</summary>
internal static class JobRows
{
    /// <summary>The job at the reader's current row; <paramref name="time"/> reads a time column of the dialect.</summary>
    public static JobRecord Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new(
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
        SubmittedAt: time(reader, 11),
        StartedAt: reader.IsDBNull(12) ? null : time(reader, 12),
        EndedAt: reader.IsDBNull(13) ? null : time(reader, 13),
        ExitCode: reader.IsDBNull(14) ? null : reader.GetInt32(14),
        AcceleratorSeconds: reader.GetDouble(15),
        Reason: reader.IsDBNull(16) ? null : reader.GetString(16),
        PinnedSite: reader.IsDBNull(17) ? null : reader.GetString(17));
}
