using System.Globalization;
using System.Text;
using Suanwang.Core.Audit;
using Suanwang.Storage.Audit;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    // Rows per multi-row insert of entries: one statement (prepared once per size) per 16 entries
    // (SQLite finds a parameter by name in a list, so many more rows cost more than they save).
    private const int EntriesPerInsert = 16;

    private static readonly string[] s_insertEntries = Enumerable.Range(0, EntriesPerInsert + 1).Select(InsertEntriesSql).ToArray();

    // Inside the caller's write transaction; the tickets follow the entries' order.
    private static long[] InsertAuditEntries(SqliteSession session, IReadOnlyList<NewAuditEntry> entries)
    {
        var tickets = new long[entries.Count];
        for (var at = 0; at < entries.Count; at += EntriesPerInsert)
        {
            var rows = Math.Min(EntriesPerInsert, entries.Count - at);
            var insert = session.Command(s_insertEntries[rows]);
            for (var i = 0; i < rows; i++)
            {
                var entry = entries[at + i];
                insert.Bind(Parameter('k', i), entry.Kind);
                insert.Bind(Parameter('t', i), entry.Tenant);
                insert.Bind(Parameter('b', i), entry.Bytes);
            }

            // The only writer numbers the rows of one statement consecutively, in VALUES order.
            using var reader = insert.ExecuteReader();
            var read = 0;
            while (reader.Read())
            {
                tickets[at + read++] = reader.GetInt64(0);
            }

            Array.Sort(tickets, at, rows);
        }

        return tickets;
    }

    // Entries are numbered in sequence order: one statement per run of consecutive sequence numbers.
    private static void NumberAuditEntries(SqliteSession session, List<(long Seq, byte[] Body)> pending, long firstIndex)
    {
        var start = 0;
        for (var i = 1; i <= pending.Count; i++)
        {
            if (i < pending.Count && pending[i].Seq == pending[i - 1].Seq + 1)
            {
                continue;
            }

            var number = session.Command("UPDATE audit_entries SET idx = seq + @delta WHERE seq >= @first AND seq <= @last");
            number.Bind("@delta", firstIndex + start - pending[start].Seq);
            number.Bind("@first", pending[start].Seq);
            number.Bind("@last", pending[i - 1].Seq);
            number.ExecuteNonQuery();
            start = i;
        }
    }

    // The hashes of perfect subtrees from the stored levels: one range read per run.
    private static List<byte[]> ReadAuditTree(SqliteSession session, IReadOnlyList<TreeNode> nodes)
    {
        var runs = AuditTree.Runs(nodes);
        var read = new byte[runs.Count][][];
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var hashes = new byte[run.Count][];
            var select = run.Level == 0
                ? session.Command("SELECT body FROM audit_entries WHERE idx >= @first AND idx < @end ORDER BY idx")
                : session.Command("SELECT hash FROM audit_nodes WHERE node >= @first AND node < @end ORDER BY node");
            select.Bind("@first", run.FirstKey);
            select.Bind("@end", run.EndKey);
            var found = 0;
            using (var reader = select.ExecuteReader())
            {
                while (found < hashes.Length && reader.Read())
                {
                    var bytes = (byte[])reader.GetValue(0);
                    hashes[found++] = run.Level == 0 ? MerkleHash.Leaf(bytes) : bytes;
                }
            }

            AuditTree.CheckComplete(run, found);
            read[r] = hashes;
        }

        return AuditTree.Hashes(nodes, runs, read);
    }

    private static string Parameter(char kind, int row) => string.Create(CultureInfo.InvariantCulture, $"@{kind}{row}");

    private static string InsertEntriesSql(int rows)
    {
        var sql = new StringBuilder("INSERT INTO audit_entries (kind, tenant, body) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "(" : ", (").Append(Parameter('k', i)).Append(", ").Append(Parameter('t', i)).Append(", ").Append(Parameter('b', i)).Append(')');
        }

        return sql.Append(" RETURNING seq").ToString();
    }
}
