using Suanwang.Storage.Jobs;
using Suanwang.Storage.Migrations;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = MigrationScripts.For(Dialect);
        // A write like any other: BEGIN IMMEDIATE holds the file's write lock, so a second
        // process migrating the same file waits and then finds the work done.
        return WriteAsync(session =>
        {
            session.Command("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT")
                .ExecuteNonQuery();
            var applied = new HashSet<long>();
            using (var reader = session.Command("SELECT version FROM schema_migrations").ExecuteReader())
            {
                while (reader.Read())
                {
                    applied.Add(reader.GetInt64(0));
                }
            }

            var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
            foreach (var version in applied)
            {
                if (version > latest)
                {
                    throw new InvalidOperationException(
                        $"the database '{DatabasePath}' has schema version {version}, newer than this build knows ({latest}); use a newer suanwang");
                }
            }

            foreach (var migration in migrations)
            {
                if (applied.Contains(migration.Version))
                {
                    continue;
                }

                // Runs once per database: not worth keeping prepared.
                session.ExecuteOnce(migration.Sql);
                if (migration.Version == JobDocumentUpgrade.Version)
                {
                    JobDocumentUpgrade.Run(
                        session.Connection,
                        session.Transaction!,
                        static devices => IndexLists.Write(devices),
                        SqliteValues.Time(DateTimeOffset.UtcNow));
                }

                var record = session.Command("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
                record.Bind("@version", migration.Version);
                record.Bind("@name", migration.Name);
                record.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);
    }
}
