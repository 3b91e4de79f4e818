using Npgsql;
using Suanwang.Storage.Sites;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string SiteColumns = "id, spec, backend, up, draining, last_heartbeat, agent_epoch";

    /// <inheritdoc />
    public Task<SiteRecord> RegisterSiteAsync(string id, string spec, string backend, DateTimeOffset at, CancellationToken cancellationToken) => WriteAsync(
        // Draining is an admin's decision and outlives the agent; everything else is the agent's.
        "INSERT INTO sites (id, spec, backend, up, draining, last_heartbeat, agent_epoch) VALUES (@id, @spec, @backend, true, false, @at, 1) " +
        "ON CONFLICT (id) DO UPDATE SET spec = excluded.spec, backend = excluded.backend, up = true, last_heartbeat = excluded.last_heartbeat, " +
        $"agent_epoch = sites.agent_epoch + 1, down_at = NULL RETURNING {SiteColumns}",
        p =>
        {
            p.AddText("id", id);
            p.AddText("spec", spec);
            p.AddText("backend", backend);
            p.AddTime("at", at);
        },
        async (reader, ct) =>
        {
            await reader.ReadAsync(ct).ConfigureAwait(false);
            return ReadSite(reader);
        },
        cancellationToken);

    /// <inheritdoc />
    public Task<SiteRecord?> GetSiteAsync(string id, CancellationToken cancellationToken) => ReadAsync(
        $"SELECT {SiteColumns} FROM sites WHERE id = @id",
        p => p.AddText("id", id),
        async (reader, ct) => await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadSite(reader) : null,
        cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SiteRecord>> ListSitesAsync(CancellationToken cancellationToken) => ReadAsync<IReadOnlyList<SiteRecord>>(
        $"SELECT {SiteColumns} FROM sites ORDER BY id",
        NoParameters,
        async (reader, ct) =>
        {
            var sites = new List<SiteRecord>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                sites.Add(ReadSite(reader));
            }

            return sites;
        },
        cancellationToken);

    /// <inheritdoc />
    public Task<bool> HeartbeatAsync(string id, long epoch, DateTimeOffset at, CancellationToken cancellationToken) => WriteAsync(
        // A heartbeat of the current agent brings a site marked down back up; its old runs were
        // requeued with new fences, so nothing it reports about them is taken.
        "UPDATE sites SET last_heartbeat = @at, up = true, down_at = NULL WHERE id = @id AND agent_epoch = @epoch RETURNING id",
        p =>
        {
            p.AddTime("at", at);
            p.AddText("id", id);
            p.AddLong("epoch", epoch);
        },
        PostgresValues.AnyRowAsync,
        cancellationToken);

    /// <inheritdoc />
    public Task<bool> MarkDownAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) => WriteAsync(
        "UPDATE sites SET up = false, down_at = @at WHERE id = @id AND up RETURNING id",
        p =>
        {
            p.AddTime("at", at);
            p.AddText("id", id);
        },
        PostgresValues.AnyRowAsync,
        cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetDrainingAsync(string id, bool draining, CancellationToken cancellationToken) => WriteAsync(
        "UPDATE sites SET draining = @draining WHERE id = @id RETURNING id",
        p =>
        {
            p.AddBool("draining", draining);
            p.AddText("id", id);
        },
        PostgresValues.AnyRowAsync,
        cancellationToken);

    private static SiteRecord ReadSite(NpgsqlDataReader reader) => new(
        Id: reader.GetString(0),
        Spec: reader.GetString(1),
        Backend: reader.GetString(2),
        Up: reader.GetBoolean(3),
        Draining: reader.GetBoolean(4),
        LastHeartbeat: reader.GetTime(5),
        AgentEpoch: reader.GetInt64(6));
}
