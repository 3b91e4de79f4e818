// SubmitAsync throughput with many concurrent callers, for each store: what group commit buys.
//
//   dotnet run -c Release --project bench/Suanwang.Storage.Bench -- [--jobs N] [--callers N] [--postgres <connection string>]
//
// PostgreSQL runs when --postgres or SUANWANG_TEST_POSTGRES gives a server (scripts/postgres.sh
// prints one); it works in a schema of its own, dropped afterwards.
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Postgres;
using Suanwang.Storage.Sqlite;

var jobs = 20_000;
var callers = 64;
var postgres = Environment.GetEnvironmentVariable("SUANWANG_TEST_POSTGRES");
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--jobs": jobs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--callers": callers = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--postgres": postgres = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

var folder = Path.Combine(Path.GetTempPath(), "suanwang-storage-bench", Guid.NewGuid().ToString("N"));
try
{
    await using (var sqlite = SqliteStore.InDataFolder(folder))
    {
        await RunAsync(sqlite, jobs, callers);
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

if (string.IsNullOrWhiteSpace(postgres))
{
    Console.WriteLine("postgres: skipped (no --postgres and no SUANWANG_TEST_POSTGRES)");
    return 0;
}

var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
await ExecuteAsync(postgres, $"CREATE SCHEMA {schema}");
try
{
    await using var store = new PostgresStore(new NpgsqlConnectionStringBuilder(postgres) { SearchPath = schema }.ConnectionString);
    await RunAsync(store, jobs, callers);
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await ExecuteAsync(postgres, $"DROP SCHEMA {schema} CASCADE");
}

return 0;

static async Task RunAsync(IStore store, int jobs, int callers)
{
    await store.MigrateAsync(CancellationToken.None);
    await SubmitAsync(store, Math.Min(jobs, 2_000), callers); // warm-up: JIT, prepared statements, file growth
    var (elapsed, latencies) = await SubmitAsync(store, jobs, callers);
    Array.Sort(latencies);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{store.Dialect}: {jobs} submissions, {callers} callers: {jobs / elapsed.TotalSeconds:F0}/s; " +
        $"latency p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms"));
}

static async Task<(TimeSpan Elapsed, double[] LatenciesMs)> SubmitAsync(IStore store, int jobs, int callers)
{
    var latencies = new double[jobs];
    var next = -1;
    var clock = Stopwatch.StartNew();
    var loops = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < jobs)
        {
            var start = Stopwatch.GetTimestamp();
            await store.SubmitAsync(new NewJob("bench", $"job-{i}", "name: bench\nresources:\n  accelerators: [H100]\n", 0), DateTimeOffset.UtcNow, CancellationToken.None);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    }));
    await Task.WhenAll(loops);
    return (clock.Elapsed, latencies);
}

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
