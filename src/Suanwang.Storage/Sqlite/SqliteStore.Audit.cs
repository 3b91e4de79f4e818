using Suanwang.Core.Audit;
using Suanwang.Storage.Audit;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task<long> AppendAuditAsync(NewAuditEntry entry, CancellationToken cancellationToken)
    {
        AuditRows.Check(entry);
        return WriteAsync(session => InsertAuditEntry(session, entry.Kind, entry.Tenant, entry.Bytes), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> AppendAuditBatchAsync(IReadOnlyList<NewAuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            AuditRows.Check(entry);
        }

        return WriteAsync<IReadOnlyList<long>>(session => InsertAuditEntries(session, entries), cancellationToken);
    }

    /// <inheritdoc />
    public Task<long?> GetAuditIndexAsync(long ticket, CancellationToken cancellationToken) => ReadAsync(session =>
    {
        var select = session.Command("SELECT idx FROM audit_entries WHERE seq = @seq");
        select.Bind("@seq", ticket);
        return select.ExecuteScalar() as long?;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<(AuditHead Head, int Added)> IntegrateAuditAsync(int maxEntries, Func<long, byte[], string> sign, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sign);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        maxEntries = Math.Min(maxEntries, AuditRows.MaxIntegration);
        return WriteAsync(session =>
        {
            var head = ReadAuditHead(session);
            var pending = new List<(long Seq, byte[] Body)>();
            var select = session.Command("SELECT seq, body FROM audit_entries WHERE idx IS NULL ORDER BY seq LIMIT @max");
            select.Bind("@max", maxEntries);
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    pending.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
                }
            }

            if (head is not null && pending.Count == 0)
            {
                return (head, 0);
            }

            var edge = head is null ? [] : ReadAuditTree(session, new NodeRange(0, head.Size).Subtrees());
            var frontier = AuditRows.Resume(head, edge);
            var first = frontier.Size;
            var completed = new List<(TreeNode Node, byte[] Hash)>();
            foreach (var (_, body) in pending)
            {
                frontier.Append(MerkleHash.Leaf(body), completed);
            }

            NumberAuditEntries(session, pending, first);
            var insert = session.Command("INSERT INTO audit_nodes (node, hash) VALUES (@node, @hash)");
            foreach (var (node, hash) in completed)
            {
                if (AuditTree.StoresNodesOf(node.Level))
                {
                    insert.Parameters.Clear();
                    insert.Bind("@node", AuditRows.Key(node));
                    insert.Bind("@hash", hash);
                    insert.ExecuteNonQuery();
                }
            }

            var root = frontier.Root();
            var next = new AuditHead(frontier.Size, root, sign(frontier.Size, root), at);
            var save = session.Command(
                "INSERT INTO audit_checkpoint (id, size, root, note, at) VALUES (1, @size, @root, @note, @at) " +
                "ON CONFLICT (id) DO UPDATE SET size = excluded.size, root = excluded.root, note = excluded.note, at = excluded.at WHERE excluded.size >= audit_checkpoint.size");
            save.Bind("@size", next.Size);
            save.Bind("@root", next.Root);
            save.Bind("@note", next.Note);
            save.Bind("@at", SqliteValues.Time(at));
            if (save.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException("a checkpoint may not shrink the log");
            }

            return (next, pending.Count);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<AuditHead?> GetAuditHeadAsync(CancellationToken cancellationToken) => ReadAsync(ReadAuditHead, cancellationToken);

    /// <inheritdoc />
    public Task<AuditEntryRecord?> GetAuditEntryAsync(long index, CancellationToken cancellationToken) => ReadAsync(session =>
    {
        var select = session.Command("SELECT idx, kind, tenant, body FROM audit_entries WHERE idx = @idx");
        select.Bind("@idx", index);
        using var reader = select.ExecuteReader();
        return reader.Read()
            ? new AuditEntryRecord(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), (byte[])reader.GetValue(3))
            : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntryRecord>> GetAuditEntriesAsync(long from, int count, CancellationToken cancellationToken)
    {
        count = Math.Clamp(count, 0, IAuditStore.MaxEntriesRead);
        return ReadAsync<IReadOnlyList<AuditEntryRecord>>(session =>
        {
            var select = session.Command("SELECT idx, kind, tenant, body FROM audit_entries WHERE idx >= @from AND idx < @end ORDER BY idx");
            select.Bind("@from", from);
            select.Bind("@end", from + count);
            var entries = new List<AuditEntryRecord>(count);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new AuditEntryRecord(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), (byte[])reader.GetValue(3)));
            }

            return entries;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<byte[]>> GetAuditNodesAsync(IReadOnlyList<TreeNode> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return ReadAsync(session =>
        {
            session.BeginRead();
            try
            {
                return (IReadOnlyList<byte[]>)ReadAuditTree(session, nodes);
            }
            finally
            {
                session.Rollback();
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<byte[]?> GetAuditKeyAsync(CancellationToken cancellationToken) =>
        ReadAsync(session => session.Command("SELECT private_key FROM audit_key WHERE id = 1").ExecuteScalar() as byte[], cancellationToken);

    /// <inheritdoc />
    public Task<byte[]> GetOrAddAuditKeyAsync(byte[] candidate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var time = SqliteValues.Time(at);
        return WriteAsync(session =>
        {
            var insert = session.Command("INSERT INTO audit_key (id, private_key, created_at) VALUES (1, @key, @at) ON CONFLICT (id) DO NOTHING");
            insert.Bind("@key", candidate);
            insert.Bind("@at", time);
            insert.ExecuteNonQuery();
            return (byte[])session.Command("SELECT private_key FROM audit_key WHERE id = 1").ExecuteScalar()!;
        }, cancellationToken);
    }

    // Inside the caller's write transaction: the entry commits with what it records.
    private static long InsertAuditEntry(SqliteSession session, string kind, string? tenant, byte[] body)
    {
        var insert = session.Command("INSERT INTO audit_entries (kind, tenant, body) VALUES (@kind, @tenant, @body) RETURNING seq");
        insert.Bind("@kind", kind);
        insert.Bind("@tenant", tenant);
        insert.Bind("@body", body);
        return (long)insert.ExecuteScalar()!;
    }

    private static AuditHead? ReadAuditHead(SqliteSession session)
    {
        using var reader = session.Command("SELECT size, root, note, at FROM audit_checkpoint WHERE id = 1").ExecuteReader();
        return reader.Read()
            ? new AuditHead(reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetString(2), SqliteValues.ParseTime(reader.GetString(3)))
            : null;
    }
}
