using System.Data.Common;
using Suanwang.Core.Jobs;

namespace Suanwang.Storage.Jobs;

/// <summary>Reads a job row in the column order both dialects select (<see cref="JobSql.Columns"/>); only how a time and a list of indices are stored differs.</summary>
internal static class JobRows
{
    /// <summary>The job at the reader's current row; <paramref name="time"/> and <paramref name="indices"/> read a column of the dialect.</summary>
    public static JobRecord Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time, Func<DbDataReader, int, IReadOnlyList<int>> indices) => new(
        Id: reader.GetInt64(0),
        Tenant: reader.GetString(1),
        Name: reader.GetString(2),
        Document: reader.IsDBNull(3) ? null : reader.GetString(3),
        SpecText: reader.IsDBNull(4) ? null : reader.GetString(4),
        State: JobStates.Parse(reader.GetString(5)) ?? throw new InvalidDataException($"job {reader.GetInt64(0)} has unknown state '{reader.GetString(5)}'"),
        Priority: reader.GetInt32(6),
        Site: reader.IsDBNull(7) ? null : reader.GetString(7),
        Pool: reader.IsDBNull(8) ? null : reader.GetInt32(8),
        Nodes: reader.IsDBNull(9) ? null : indices(reader, 9),
        CardsPerNode: reader.GetInt32(10),
        Devices: reader.IsDBNull(11) ? null : indices(reader, 11),
        Fence: reader.GetInt64(12),
        SubmittedAt: time(reader, 13),
        StartedAt: reader.IsDBNull(14) ? null : time(reader, 14),
        EndedAt: reader.IsDBNull(15) ? null : time(reader, 15),
        ExitCode: reader.IsDBNull(16) ? null : reader.GetInt32(16),
        AcceleratorSeconds: reader.GetDouble(17),
        Reason: reader.IsDBNull(18) ? null : reader.GetString(18),
        PinnedSite: reader.IsDBNull(19) ? null : reader.GetString(19));

    /// <summary>The job just submitted, as stored.</summary>
    public static JobRecord Submitted(NewJob job, long id, DateTimeOffset at) => new(
        id, job.Tenant, job.Name, job.Document, job.SpecText, JobLifecycle.Initial, job.Priority, null, null, null, 0, null, 0, StoredTime.Truncate(at), null, null, null, 0, null, job.PinnedSite) { Spec = job.Spec };
}
