using System.Data.Common;
using Suanwang.Storage.Sites;
using Suanwang.Storage.Tenants;

namespace Suanwang.Storage.Sql;

/// <summary>Reads tenant, key and site rows in the column order both dialects select; only how a time is stored differs.</summary>
internal static class DirectoryRows
{
    /// <summary>The columns <see cref="ReadTenant"/> reads, in order.</summary>
    public const string TenantColumns = "id, name, weight, created_at";

    /// <summary>The columns <see cref="ReadApiKey"/> reads, in order.</summary>
    public const string ApiKeyColumns = "id, hash, role, tenant, site, created_at, expires_at, revoked_at, jurisdictions, requests_per_minute, tokens_per_minute, spend_per_month, owner";

    /// <summary>The columns <see cref="ReadSite"/> reads, in order.</summary>
    public const string SiteColumns = "id, spec, backend, up, draining, last_heartbeat, agent_epoch";

    /// <summary>The tenant at the reader's current row.</summary>
    public static TenantRecord ReadTenant(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), time(reader, 3));

    /// <summary>The key at the reader's current row.</summary>
    public static ApiKeyRecord ReadApiKey(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) =>
        new(
            Id: reader.GetString(0),
            Hash: reader.GetString(1),
            Role: KeyRoles.Parse(reader.GetString(2)),
            Tenant: reader.IsDBNull(3) ? null : reader.GetString(3),
            Site: reader.IsDBNull(4) ? null : reader.GetString(4),
            CreatedAt: time(reader, 5),
            ExpiresAt: reader.IsDBNull(6) ? null : time(reader, 6),
            RevokedAt: reader.IsDBNull(7) ? null : time(reader, 7),
            Jurisdictions: reader.IsDBNull(8) ? null : reader.GetString(8).Split(',', StringSplitOptions.RemoveEmptyEntries),
            RequestsPerMinute: reader.IsDBNull(9) ? null : reader.GetInt64(9),
            TokensPerMinute: reader.IsDBNull(10) ? null : reader.GetInt64(10),
            SpendPerMonth: reader.IsDBNull(11) ? null : reader.GetInt64(11),
            Owner: reader.IsDBNull(12) ? null : reader.GetString(12));

    /// <summary>The site at the reader's current row.</summary>
    public static SiteRecord ReadSite(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new(
        Id: reader.GetString(0),
        Spec: reader.GetString(1),
        Backend: reader.GetString(2),
        Up: reader.GetBoolean(3),
        Draining: reader.GetBoolean(4),
        LastHeartbeat: time(reader, 5),
        AgentEpoch: reader.GetInt64(6));
}
