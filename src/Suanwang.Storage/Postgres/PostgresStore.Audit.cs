using Npgsql;
using NpgsqlTypes;
using Suanwang.Core.Audit;
using Suanwang.Storage.Audit;
using Suanwang.Storage.Health;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    // Integrations of every process sharing the database take turns under this transaction lock.
    private const long AuditLockKey = 0x5357_4175_6469_74;

    // The runs of stored hashes a proof or an integration reads, in one statement: node rows by
    // key range, leaves by index range from the entries.
    private const string TreeSql =
        "SELECT r.n, n.node - r.first, n.hash FROM unnest(@firsts, @ends, @leaves) WITH ORDINALITY AS r(first, last, leaf, n) " +
        "JOIN audit_nodes n ON NOT r.leaf AND n.node >= r.first AND n.node < r.last " +
        "UNION ALL " +
        "SELECT r.n, e.idx - r.first, e.body FROM unnest(@firsts, @ends, @leaves) WITH ORDINALITY AS r(first, last, leaf, n) " +
        "JOIN audit_entries e ON r.leaf AND e.idx >= r.first AND e.idx < r.last";

    /// <inheritdoc />
    public Task<long> AppendAuditAsync(NewAuditEntry entry, CancellationToken cancellationToken)
    {
        AuditRows.Check(entry);
        return WriteAsync(
            "INSERT INTO audit_entries (kind, tenant, body) VALUES (@kind, @tenant, @body) RETURNING seq",
            p =>
            {
                p.AddText("kind", entry.Kind);
                p.AddText("tenant", entry.Tenant);
                p.Add(new NpgsqlParameter("body", NpgsqlDbType.Bytea) { Value = entry.Bytes });
            },
            async (reader, ct) =>
            {
                await reader.ReadAsync(ct).ConfigureAwait(false);
                return reader.GetInt64(0);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> AppendAuditBatchAsync(IReadOnlyList<NewAuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            AuditRows.Check(entry);
        }

        // Rows are numbered in ORDER BY order, so the sorted sequence numbers follow the entries.
        return WriteAsync(
            "INSERT INTO audit_entries (kind, tenant, body) SELECT k, t, b FROM unnest(@kinds, @tenants, @bodies) WITH ORDINALITY AS u(k, t, b, n) ORDER BY n RETURNING seq",
            p =>
            {
                p.AddTextArray("kinds", entries.Select(e => e.Kind).ToArray());
                p.Add(new NpgsqlParameter("tenants", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => (object?)e.Tenant ?? DBNull.Value).ToArray() });
                p.Add(new NpgsqlParameter("bodies", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = entries.Select(e => e.Bytes).ToArray() });
            },
            async (reader, ct) =>
            {
                var tickets = new List<long>(entries.Count);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    tickets.Add(reader.GetInt64(0));
                }

                tickets.Sort();
                return (IReadOnlyList<long>)tickets;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<long?> GetAuditIndexAsync(long ticket, CancellationToken cancellationToken) => ReadAsync(
        "SELECT idx FROM audit_entries WHERE seq = @seq",
        p => p.AddLong("seq", ticket),
        async (reader, ct) => await reader.ReadAsync(ct).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetInt64(0) : (long?)null,
        cancellationToken);

    /// <inheritdoc />
    public Task<(AuditHead Head, int Added)> IntegrateAuditAsync(int maxEntries, Func<long, byte[], string> sign, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sign);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        return StoreFailures.TranslatedAsync(IntegrateOnceAsync(Math.Min(maxEntries, AuditRows.MaxIntegration), sign, at, cancellationToken));
    }

    /// <inheritdoc />
    public Task<AuditHead?> GetAuditHeadAsync(CancellationToken cancellationToken) =>
        ReadAsync("SELECT size, root, note, at FROM audit_checkpoint WHERE id = 1", NoParameters, ReadHeadAsync, cancellationToken);

    /// <inheritdoc />
    public Task<AuditEntryRecord?> GetAuditEntryAsync(long index, CancellationToken cancellationToken) => ReadAsync(
        "SELECT idx, kind, tenant, body FROM audit_entries WHERE idx = @idx",
        p => p.AddLong("idx", index),
        async (reader, ct) => await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new AuditEntryRecord(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<byte[]>(3))
            : null,
        cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntryRecord>> GetAuditEntriesAsync(long from, int count, CancellationToken cancellationToken)
    {
        count = Math.Clamp(count, 0, IAuditStore.MaxEntriesRead);
        return ReadAsync(
            "SELECT idx, kind, tenant, body FROM audit_entries WHERE idx >= @from AND idx < @end ORDER BY idx",
            p =>
            {
                p.AddLong("from", from);
                p.AddLong("end", from + count);
            },
            async (reader, ct) =>
            {
                var entries = new List<AuditEntryRecord>(count);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    entries.Add(new AuditEntryRecord(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<byte[]>(3)));
                }

                return (IReadOnlyList<AuditEntryRecord>)entries;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<byte[]>> GetAuditNodesAsync(IReadOnlyList<TreeNode> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var runs = AuditTree.Runs(nodes);
        return ReadAsync(
            TreeSql,
            p => BindRuns(p, runs),
            async (reader, ct) => (IReadOnlyList<byte[]>)AuditTree.Hashes(nodes, runs, await ReadRunsAsync(reader, runs, ct).ConfigureAwait(false)),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<byte[]?> GetAuditKeyAsync(CancellationToken cancellationToken) => ReadAsync(
        "SELECT private_key FROM audit_key WHERE id = 1",
        NoParameters,
        async (reader, ct) => await reader.ReadAsync(ct).ConfigureAwait(false) ? reader.GetFieldValue<byte[]>(0) : null,
        cancellationToken);

    /// <inheritdoc />
    public Task<byte[]> GetOrAddAuditKeyAsync(byte[] candidate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return WriteAsync(
            "WITH added AS (INSERT INTO audit_key (id, private_key, created_at) VALUES (1, @key, @at) ON CONFLICT (id) DO NOTHING RETURNING private_key) " +
            "SELECT private_key FROM added UNION ALL SELECT private_key FROM audit_key WHERE id = 1",
            p =>
            {
                p.Add(new NpgsqlParameter("key", NpgsqlDbType.Bytea) { Value = candidate });
                p.AddTime("at", at);
            },
            async (reader, ct) =>
            {
                await reader.ReadAsync(ct).ConfigureAwait(false);
                return reader.GetFieldValue<byte[]>(0);
            },
            cancellationToken);
    }

    private async Task<(AuditHead Head, int Added)> IntegrateOnceAsync(int maxEntries, Func<long, byte[], string> sign, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", p => p.AddLong("key", AuditLockKey), cancellationToken).ConfigureAwait(false);
                var head = await ReadOnAsync(connection, "SELECT size, root, note, at FROM audit_checkpoint WHERE id = 1", NoParameters, ReadHeadAsync, cancellationToken).ConfigureAwait(false);
                var pending = await ReadOnAsync(
                    connection,
                    "SELECT seq, body FROM audit_entries WHERE idx IS NULL ORDER BY seq LIMIT @max",
                    p => p.AddLong("max", maxEntries),
                    async (reader, ct) =>
                    {
                        var rows = new List<(long Seq, byte[] Body)>();
                        while (await reader.ReadAsync(ct).ConfigureAwait(false))
                        {
                            rows.Add((reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
                        }

                        return rows;
                    },
                    cancellationToken).ConfigureAwait(false);
                if (head is not null && pending.Count == 0)
                {
                    return (head, 0);
                }

                IReadOnlyList<byte[]> edge = [];
                if (head is not null)
                {
                    var nodes = new NodeRange(0, head.Size).Subtrees();
                    var runs = AuditTree.Runs(nodes);
                    var read = await ReadOnAsync(connection, TreeSql, p => BindRuns(p, runs), (reader, ct) => ReadRunsAsync(reader, runs, ct), cancellationToken).ConfigureAwait(false);
                    edge = AuditTree.Hashes(nodes, runs, read);
                }

                var frontier = AuditRows.Resume(head, edge);
                var completed = new List<(TreeNode Node, byte[] Hash)>();
                var seqs = new long[pending.Count];
                var indexes = new long[pending.Count];
                for (var i = 0; i < pending.Count; i++)
                {
                    seqs[i] = pending[i].Seq;
                    indexes[i] = frontier.Size;
                    frontier.Append(MerkleHash.Leaf(pending[i].Body), completed);
                }

                var root = frontier.Root();
                var next = new AuditHead(frontier.Size, root, sign(frontier.Size, root), at);
                await ExecuteAsync(
                    connection,
                    "UPDATE audit_entries e SET idx = u.idx FROM unnest(@seqs, @idxs) AS u(seq, idx) WHERE e.seq = u.seq",
                    p =>
                    {
                        p.AddLongArray("seqs", seqs);
                        p.AddLongArray("idxs", indexes);
                    },
                    cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    "INSERT INTO audit_nodes (node, hash) SELECT * FROM unnest(@nodes, @hashes)",
                    p =>
                    {
                        var stored = completed.Where(c => AuditTree.StoresNodesOf(c.Node.Level)).ToArray();
                        p.AddLongArray("nodes", stored.Select(c => AuditRows.Key(c.Node)).ToArray());
                        p.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = stored.Select(c => c.Hash).ToArray() });
                    },
                    cancellationToken).ConfigureAwait(false);
                var saved = await ExecuteCountAsync(
                    connection,
                    "INSERT INTO audit_checkpoint (id, size, root, note, at) VALUES (1, @size, @root, @note, @at) " +
                    "ON CONFLICT (id) DO UPDATE SET size = excluded.size, root = excluded.root, note = excluded.note, at = excluded.at WHERE excluded.size >= audit_checkpoint.size",
                    p =>
                    {
                        p.AddLong("size", next.Size);
                        p.Add(new NpgsqlParameter("root", NpgsqlDbType.Bytea) { Value = next.Root });
                        p.AddText("note", next.Note);
                        p.AddTime("at", at);
                    },
                    cancellationToken).ConfigureAwait(false);
                if (saved != 1)
                {
                    throw new InvalidOperationException("a checkpoint may not shrink the log");
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (next, pending.Count);
            }
        }
    }

    private static async Task<AuditHead?> ReadHeadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AuditHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3))
            : null;

    private static void BindRuns(NpgsqlParameterCollection parameters, List<HashRun> runs)
    {
        parameters.AddLongArray("firsts", runs.Select(r => r.FirstKey).ToArray());
        parameters.AddLongArray("ends", runs.Select(r => r.EndKey).ToArray());
        parameters.Add(new NpgsqlParameter("leaves", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = runs.Select(r => r.Level == 0).ToArray() });
    }

    // Every hash of every run, each at its place: leaves hashed from their entries' bytes.
    private static async Task<byte[][][]> ReadRunsAsync(NpgsqlDataReader reader, List<HashRun> runs, CancellationToken cancellationToken)
    {
        var read = runs.Select(r => new byte[r.Count][]).ToArray();
        var found = new int[runs.Count];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var run = (int)reader.GetInt64(0) - 1;
            var bytes = reader.GetFieldValue<byte[]>(2);
            read[run][reader.GetInt64(1)] = runs[run].Level == 0 ? MerkleHash.Leaf(bytes) : bytes;
            found[run]++;
        }

        for (var i = 0; i < runs.Count; i++)
        {
            AuditTree.CheckComplete(runs[i], found[i]);
        }

        return read;
    }

    private static async Task<int> ExecuteCountAsync(NpgsqlConnection connection, string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Constant SQL.
        var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await using (command.ConfigureAwait(false))
        {
            bind(command.Parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<T> ReadOnAsync<T>(NpgsqlConnection connection, string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Constant SQL.
        var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await using (command.ConfigureAwait(false))
        {
            bind(command.Parameters);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await read(reader, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
