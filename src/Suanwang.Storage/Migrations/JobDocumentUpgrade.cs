using System.Data.Common;
using System.Globalization;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Migrations;

/// <summary>
/// The code step of migration 004, run once right after its SQL in the same transaction: every job
/// stored before gets its document by parsing its spec text one last time, and every placed or
/// running job gets its devices from its latest device note for its current fence. A spec that no
/// longer parses never stops start-up: the job keeps a stand-in document (its name, tenant and
/// priority) and, when not yet done, fails if it holds a placement or is cancelled if it waits,
/// with the parse error as its reason.
/// </summary>
internal static class JobDocumentUpgrade
{
    /// <summary>The migration this step follows.</summary>
    public const int Version = 4;

    /// <summary>Fills the new columns of rows made before migration <see cref="Version"/>.</summary>
    /// <param name="connection">The migrating connection.</param>
    /// <param name="transaction">Its open transaction.</param>
    /// <param name="indices">A list of indices as the dialect binds it.</param>
    /// <param name="now">The current time as the dialect binds it.</param>
    public static void Run(DbConnection connection, DbTransaction transaction, Func<IReadOnlyList<int>, object> indices, object now)
    {
        foreach (var row in ReadJobs(connection, transaction))
        {
            WriteDocument(connection, transaction, row, now);
        }

        foreach (var (id, devices) in ReadDevices(connection, transaction))
        {
            Execute(connection, transaction, "UPDATE jobs SET devices = @devices WHERE id = @id", ("@devices", indices(devices)), ("@id", id));
        }
    }

    /// <summary>Devices "0,1;4,5" of a device note (one group per node) as a flat list; null unless every node has <paramref name="cardsPerNode"/>.</summary>
    public static IReadOnlyList<int>? FlattenDevices(string text, int cardsPerNode)
    {
        var flat = new List<int>();
        foreach (var node in text.Split(';'))
        {
            var cards = node.Split(',');
            if (cards.Length != cardsPerNode)
            {
                return null;
            }

            foreach (var card in cards)
            {
                if (!int.TryParse(card, NumberStyles.None, CultureInfo.InvariantCulture, out var device))
                {
                    return null;
                }

                flat.Add(device);
            }
        }

        return flat;
    }

    private static List<OldJob> ReadJobs(DbConnection connection, DbTransaction transaction)
    {
        var rows = new List<OldJob>();
        using var select = Command(connection, transaction, "SELECT id, tenant, name, spec, state, priority FROM jobs WHERE document IS NULL ORDER BY id");
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new OldJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5)));
        }

        return rows;
    }

    private static void WriteDocument(DbConnection connection, DbTransaction transaction, OldJob row, object now)
    {
        JobSpec spec;
        string? problem = null;
        try
        {
            spec = JobSpecReader.Parse(row.Spec, string.Create(CultureInfo.InvariantCulture, $"job {row.Id}"), AcceleratorCatalog.Default);
        }
        catch (InputException e)
        {
            problem = e.Message;
            spec = StandIn(row);
        }

        var document = JobDocument.Write(spec);
        var state = JobStates.Parse(row.State);
        if (problem is null || state is not { } current || JobStates.IsFinal(current))
        {
            Execute(connection, transaction, "UPDATE jobs SET document = @document WHERE id = @id", ("@document", document), ("@id", row.Id));
            return;
        }

        var trigger = JobLifecycle.CanMove(current, JobTrigger.Fail) ? JobTrigger.Fail : JobTrigger.Cancel;
        var reason = $"its stored spec could not be read when the database was upgraded: {problem}";
        Execute(
            connection,
            transaction,
            "UPDATE jobs SET document = @document, state = @state, reason = @reason, ended_at = @at WHERE id = @id",
            ("@document", document),
            ("@state", JobSql.To(trigger)),
            ("@reason", reason),
            ("@at", now),
            ("@id", row.Id));
        Execute(
            connection,
            transaction,
            "INSERT INTO job_events (job_id, at, kind, message) VALUES (@id, @at, @kind, @message)",
            ("@id", row.Id),
            ("@at", now),
            ("@kind", trigger == JobTrigger.Fail ? "failed" : "cancelled"),
            ("@message", reason));
    }

    // A spec that no longer parses keeps what the row itself says about the job.
    private static JobSpec StandIn(OldJob row) => new(
        row.Name,
        row.Tenant,
        null,
        new ResourceRequest([], AcceleratorChoice.Preference, 1, 1, null, 0),
        0,
        null,
        true,
        null,
        row.Priority,
        false,
        null,
        [],
        []);

    private static List<(long Id, IReadOnlyList<int> Devices)> ReadDevices(DbConnection connection, DbTransaction transaction)
    {
        // The newest note first for each job: the first one of the job's current fence wins.
        using var select = Command(
            connection,
            transaction,
            "SELECT j.id, j.fence, j.cards_per_node, e.message FROM jobs j JOIN job_events e ON e.job_id = j.id " +
            $"WHERE j.state IN {JobSql.Holding} AND j.devices IS NULL AND e.kind IN ('dispatched', 'placed') ORDER BY j.id, e.id DESC");
        var found = new List<(long, IReadOnlyList<int>)>();
        long done = -1;
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (id == done || DeviceNote.DevicesFor(reader.GetString(3), reader.GetInt64(1)) is not { } text)
            {
                continue;
            }

            if (FlattenDevices(text, reader.GetInt32(2)) is { } devices)
            {
                found.Add((id, devices));
            }

            done = id;
        }

        return found;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL of this assembly.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        return command;
    }

    private static void Execute(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        command.ExecuteNonQuery();
    }

    private sealed record OldJob(long Id, string Tenant, string Name, string Spec, string State, int Priority);
}
