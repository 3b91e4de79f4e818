using Microsoft.Data.Sqlite;
using Suanwang.Storage.Sites;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string SiteColumns = "id, spec, backend, up, draining, last_heartbeat, agent_epoch";

    /// <inheritdoc />
    public Task<SiteRecord> RegisterSiteAsync(string id, string spec, string backend, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var time = SqliteValues.Time(at);
        return WriteAsync(session =>
        {
            // Draining is an admin's decision and outlives the agent; everything else is the agent's.
            var upsert = session.Command(
                "INSERT INTO sites (id, spec, backend, up, draining, last_heartbeat, agent_epoch) VALUES (@id, @spec, @backend, 1, 0, @at, 1) " +
                "ON CONFLICT (id) DO UPDATE SET spec = excluded.spec, backend = excluded.backend, up = 1, last_heartbeat = excluded.last_heartbeat, " +
                $"agent_epoch = sites.agent_epoch + 1, down_at = NULL RETURNING {SiteColumns}");
            upsert.Bind("@id", id);
            upsert.Bind("@spec", spec);
            upsert.Bind("@backend", backend);
            upsert.Bind("@at", time);
            using var reader = upsert.ExecuteReader();
            reader.Read();
            return ReadSite(reader);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<SiteRecord?> GetSiteAsync(string id, CancellationToken cancellationToken) => ReadAsync(session =>
    {
        var select = session.Command($"SELECT {SiteColumns} FROM sites WHERE id = @id");
        select.Bind("@id", id);
        using var reader = select.ExecuteReader();
        return reader.Read() ? ReadSite(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SiteRecord>> ListSitesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<SiteRecord>>(session =>
        {
            var sites = new List<SiteRecord>();
            using var reader = session.Command($"SELECT {SiteColumns} FROM sites ORDER BY id").ExecuteReader();
            while (reader.Read())
            {
                sites.Add(ReadSite(reader));
            }

            return sites;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> HeartbeatAsync(string id, long epoch, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var time = SqliteValues.Time(at);
        return WriteAsync(session =>
        {
            // A heartbeat of the current agent brings a site marked down back up; its old runs
            // were requeued with new fences, so nothing it reports about them is taken.
            var update = session.Command("UPDATE sites SET last_heartbeat = @at, up = 1, down_at = NULL WHERE id = @id AND agent_epoch = @epoch");
            update.Bind("@at", time);
            update.Bind("@id", id);
            update.Bind("@epoch", epoch);
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> MarkDownAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var time = SqliteValues.Time(at);
        return WriteAsync(session =>
        {
            var update = session.Command("UPDATE sites SET up = 0, down_at = @at WHERE id = @id AND up = 1");
            update.Bind("@at", time);
            update.Bind("@id", id);
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> SetDrainingAsync(string id, bool draining, CancellationToken cancellationToken) => WriteAsync(session =>
    {
        var update = session.Command("UPDATE sites SET draining = @draining WHERE id = @id");
        update.Bind("@draining", draining ? 1 : 0);
        update.Bind("@id", id);
        return update.ExecuteNonQuery() == 1;
    }, cancellationToken);

    private static SiteRecord ReadSite(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        Spec: reader.GetString(1),
        Backend: reader.GetString(2),
        Up: reader.GetInt64(3) != 0,
        Draining: reader.GetInt64(4) != 0,
        LastHeartbeat: SqliteValues.ParseTime(reader.GetString(5)),
        AgentEpoch: reader.GetInt64(6));
}
