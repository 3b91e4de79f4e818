using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Suanwang.ControlPlane.Audit;
using Suanwang.Core.Audit;
using Suanwang.Storage;
using Suanwang.Storage.Sqlite;

namespace Suanwang.Storage.Bench;

/// <summary>
/// The transparency log's figures: durable appends per second with group commit while the
/// checkpointer integrates and signs (and the gaps between its checkpoints), and the time of an
/// inclusion proof in a tree of millions of entries bulk-loaded into SQLite.
/// </summary>
internal static class AuditBench
{
    /// <summary>Appends <paramref name="count"/> entries from <paramref name="callers"/> concurrent callers while integrating; prints the rates and the checkpoint gaps.</summary>
    public static async Task AppendsAsync(IStore store, int count, int callers)
    {
        var options = new AuditOptions();
        using var log = new AuditLog(store, options, TimeProvider.System);
        await log.HeadAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var checkpoints = new List<(TimeSpan At, long Size)>();
        var clock = Stopwatch.StartNew();
        // The server's checkpointer on its own schedule; a watcher notes when each checkpoint appears.
        using var checkpointer = new AuditCheckpointer(log, options, TimeProvider.System, NullLogger<AuditCheckpointer>.Instance);
        await checkpointer.StartAsync(CancellationToken.None);
        var watcher = Task.Run(async () =>
        {
            var size = -1L;
            while (!stop.IsCancellationRequested)
            {
                var head = await store.GetAuditHeadAsync(CancellationToken.None);
                if (head is not null && head.Size != size)
                {
                    size = head.Size;
                    lock (checkpoints)
                    {
                        checkpoints.Add((clock.Elapsed, head.Size));
                    }
                }

                try
                {
                    await Task.Delay(10, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        await MeasureAsync(Math.Min(count, 50_000), callers, i => log.AppendAsync("bench", "t1", Entry(i), CancellationToken.None));
        var started = clock.Elapsed;
        var (elapsed, latencies) = await MeasureAsync(count, callers, i => log.AppendAsync("bench", "t1", Entry(i), CancellationToken.None));
        var ended = clock.Elapsed;
        // Let the checkpointer take in the rest, then stop it.
        var total = (await log.HeadAsync(CancellationToken.None)).Size;
        var expected = count + Math.Min(count, 50_000);
        while (total < expected)
        {
            await Task.Delay(50);
            total = (await log.HeadAsync(CancellationToken.None)).Size;
        }

        var caughtUp = clock.Elapsed;
        await stop.CancelAsync();
        await watcher;
        await checkpointer.StopAsync(CancellationToken.None);

        Array.Sort(latencies);
        var during = checkpoints.Where(c => c.At >= started && c.At <= caughtUp).Select(c => c.At).Prepend(started).ToList();
        var gaps = during.Zip(during.Skip(1), (a, b) => (b - a).TotalMilliseconds).Order().ToArray();
        Console.WriteLine(
            Invariant($"{store.Dialect}: {count} audit appends, {callers} callers: {count / elapsed.TotalSeconds:F0}/s durable; ") +
            Invariant($"latency p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms"));
        Console.WriteLine(
            Invariant($"{store.Dialect}: {gaps.Length} checkpoints during the run; gap between checkpoints p50 {Percentile(gaps, 0.5):F0} ms, max {(gaps.Length == 0 ? 0 : gaps[^1]):F0} ms; ") +
            Invariant($"last entry in a checkpoint {(caughtUp - ended).TotalMilliseconds:F0} ms after the last append"));
    }

    /// <summary>Bulk-loads a tree of <paramref name="size"/> entries into a SQLite store in <paramref name="folder"/>, then times inclusion and consistency proofs.</summary>
    public static async Task ProofsAsync(string folder, long size, int samples)
    {
        var clock = Stopwatch.StartNew();
        var path = Path.Combine(folder, SqliteStore.FileName);
        await using (var store = SqliteStore.InDataFolder(folder))
        {
            await store.MigrateAsync(CancellationToken.None);
            var options = new AuditOptions();
            using var seed = new AuditLog(store, options, TimeProvider.System);
            await seed.SignerAsync(CancellationToken.None);
        }

        var root = BulkLoad(path, size);
        Console.WriteLine(Invariant($"sqlite: bulk-loaded a tree of {size} entries in {clock.Elapsed.TotalSeconds:F0} s ({new FileInfo(path).Length / (1024 * 1024)} MB)"));

        await using var reopened = SqliteStore.InDataFolder(folder);
        using var log = new AuditLog(reopened, new AuditOptions(), TimeProvider.System);
        // The checkpoint of the loaded tree, signed with the stored key as an integration would.
        var signer = await log.SignerAsync(CancellationToken.None);
        await SaveCheckpointAsync(path, size, root, signer.Sign(size, root));
        var head = await log.HeadAsync(CancellationToken.None);
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            await log.ProveInclusionAsync(random.NextInt64(size), size, CancellationToken.None);
        }

        var inclusion = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var index = random.NextInt64(size);
            var start = Stopwatch.GetTimestamp();
            var proof = await log.ProveInclusionAsync(index, size, CancellationToken.None);
            inclusion[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i % 100 == 0 && !MerkleProofs.VerifyInclusion(MerkleHash.Leaf(Entry(index)), index, size, proof.Hashes, head.Root))
            {
                throw new InvalidOperationException($"the inclusion proof of entry {index} does not verify");
            }
        }

        var consistency = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var from = 1 + random.NextInt64(size);
            var start = Stopwatch.GetTimestamp();
            await log.ProveConsistencyAsync(from, size, CancellationToken.None);
            consistency[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(inclusion);
        Array.Sort(consistency);
        Console.WriteLine(Invariant($"sqlite: inclusion proof at {size} entries ({samples} random entries): p50 {Percentile(inclusion, 0.5):F3} ms, p99 {Percentile(inclusion, 0.99):F3} ms, max {inclusion[^1]:F3} ms"));
        Console.WriteLine(Invariant($"sqlite: consistency proof to {size} entries ({samples} random sizes): p50 {Percentile(consistency, 0.5):F3} ms, p99 {Percentile(consistency, 0.99):F3} ms"));
    }

    // Writes entries and every completed subtree in big transactions, without fsync (a load, not
    // a live log): the same rows an integration writes.
    private static byte[] BulkLoad(string path, long size)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;";
            pragma.ExecuteNonQuery();
        }

        var frontier = new MerkleFrontier();
        var completed = new List<(TreeNode Node, byte[] Hash)>();
        const int Chunk = 200_000;
        for (long from = 0; from < size; from += Chunk)
        {
            using var transaction = connection.BeginTransaction();
            using var entry = connection.CreateCommand();
            entry.Transaction = transaction;
            entry.CommandText = "INSERT INTO audit_entries (seq, idx, kind, tenant, body) VALUES ($seq, $seq - 1, 'bench', 't1', $body)";
            var seq = entry.Parameters.Add("$seq", SqliteType.Integer);
            var body = entry.Parameters.Add("$body", SqliteType.Blob);
            using var node = connection.CreateCommand();
            node.Transaction = transaction;
            node.CommandText = "INSERT INTO audit_nodes (node, hash) VALUES ($node, $hash)";
            var key = node.Parameters.Add("$node", SqliteType.Integer);
            var hash = node.Parameters.Add("$hash", SqliteType.Blob);
            for (var index = from; index < Math.Min(size, from + Chunk); index++)
            {
                var bytes = Entry(index);
                seq.Value = index + 1;
                body.Value = bytes;
                entry.ExecuteNonQuery();
                completed.Clear();
                frontier.Append(MerkleHash.Leaf(bytes), completed);
                // As an integration stores them: every fourth level above the leaves.
                foreach (var (tree, value) in completed.Where(c => c.Node.Level > 0 && c.Node.Level % 4 == 0))
                {
                    key.Value = ((long)tree.Level << 56) | tree.Index;
                    hash.Value = value;
                    node.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }

        return frontier.Root();
    }

    private static async Task SaveCheckpointAsync(string path, long size, byte[] root, string note)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO audit_checkpoint (id, size, root, note, at) VALUES (1, $size, $root, $note, '2026-01-01T00:00:00.000000Z')";
        command.Parameters.AddWithValue("$size", size);
        command.Parameters.AddWithValue("$root", root);
        command.Parameters.AddWithValue("$note", note);
        await command.ExecuteNonQueryAsync();
    }

    private static byte[] Entry(long i) =>
        Encoding.UTF8.GetBytes(Invariant($"{{\"kind\":\"bench\",\"at\":\"2026-01-01T00:00:00.000000Z\",\"n\":{i},\"tenant\":\"t1\"}}"));

    private static async Task<(TimeSpan Elapsed, double[] LatenciesMs)> MeasureAsync(int count, int callers, Func<int, Task> write)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                await write(i);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }));
        await Task.WhenAll(loops);
        return (clock.Elapsed, latencies);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
