using Npgsql;
using Suanwang.Storage.Migrations;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    // Advisory lock keys, per database: "SwMigrat" and "Suanwang" in ASCII.
    private const long MigrationLockKey = 0x5377_4D69_6772_6174;
    internal const long SchedulerLockKey = 0x5375_616E_7761_6E67;

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = MigrationScripts.For(Dialect);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Two servers starting together: the second waits here, then finds the work done.
                // The lock is the transaction's, released by the commit.
                await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", p => p.AddLong("key", MigrationLockKey), cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                    NoParameters,
                    cancellationToken).ConfigureAwait(false);

                var applied = new HashSet<int>();
                var select = new NpgsqlCommand("SELECT version FROM schema_migrations", connection);
                await using (select.ConfigureAwait(false))
                {
                    var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            applied.Add(reader.GetInt32(0));
                        }
                    }
                }

                var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
                foreach (var version in applied)
                {
                    if (version > latest)
                    {
                        throw new InvalidOperationException(
                            $"the database has schema version {version}, newer than this build knows ({latest}); use a newer suanwang");
                    }
                }

                foreach (var migration in migrations)
                {
                    if (applied.Contains(migration.Version))
                    {
                        continue;
                    }

                    await ExecuteAsync(connection, migration.Sql, NoParameters, cancellationToken).ConfigureAwait(false);
                    if (migration.Version == JobDocumentUpgrade.Version)
                    {
                        JobDocumentUpgrade.Run(connection, transaction, static devices => devices.ToArray(), DateTimeOffset.UtcNow);
                    }

                    await ExecuteAsync(
                        connection,
                        "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)",
                        p =>
                        {
                            p.AddInt("version", migration.Version);
                            p.AddText("name", migration.Name);
                        },
                        cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Constant SQL or migration text embedded in this assembly.
        var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await using (command.ConfigureAwait(false))
        {
            bind(command.Parameters);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
