// Write throughput with many concurrent callers, for each store: what group commit buys.
//
//   dotnet run -c Release --project bench/Suanwang.Storage.Bench -- [--mode submit|postings|orders|audit|all] [--jobs N] [--postings N] [--orders N] [--entries N] [--callers N] [--postgres <connection string>]
//   dotnet run -c Release --project bench/Suanwang.Storage.Bench -- --mode audit-proofs [--tree N] [--samples N]
//
// submit: SubmitAsync. postings: PostAsync of top-ups (funding → wallet, each with its own
// idempotency key) spread over 1,000 tenants. orders: PlaceOrderAsync of job orders (job, order
// and reserve in one transaction) against 1,000 funded wallets. PostgreSQL runs when --postgres
// or SUANWANG_TEST_POSTGRES gives a server (scripts/postgres.sh prints one); it works in a schema
// of its own, dropped afterwards. audit: transparency-log appends (AuditLog.AppendAsync) while
// the log integrates and signs checkpoints, with the gaps between checkpoints. audit-proofs
// (SQLite only, not in all): bulk-loads a tree of --tree entries (10,000,000) and times proofs.
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;
using Suanwang.Storage.Postgres;
using Suanwang.Storage.Sqlite;

const int Tenants = 1_000;

var mode = "submit";
var jobs = 20_000;
var postings = 50_000;
var orders = 20_000;
var callers = 64;
var entries = 200_000;
var tree = 10_000_000L;
var samples = 10_000;
var postgres = Environment.GetEnvironmentVariable("SUANWANG_TEST_POSTGRES");
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--mode": mode = args[i + 1]; break;
        case "--jobs": jobs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--postings": postings = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--orders": orders = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--callers": callers = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--entries": entries = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--tree": tree = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--samples": samples = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--postgres": postgres = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

if (mode is not ("submit" or "postings" or "orders" or "audit" or "audit-proofs" or "all"))
{
    Console.Error.WriteLine($"unknown mode {mode}: use submit, postings, orders, audit, audit-proofs or all");
    return 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {CpuModel()}"));
var folder = Path.Combine(Path.GetTempPath(), "suanwang-storage-bench", Guid.NewGuid().ToString("N"));
if (mode == "audit-proofs")
{
    try
    {
        await Suanwang.Storage.Bench.AuditBench.ProofsAsync(folder, tree, samples);
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }

    return 0;
}

try
{
    await using (var sqlite = SqliteStore.InDataFolder(folder))
    {
        await RunAsync(sqlite);
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
    await RunAsync(store);
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await ExecuteAsync(postgres, $"DROP SCHEMA {schema} CASCADE");
}

return 0;

async Task RunAsync(IStore store)
{
    await store.MigrateAsync(CancellationToken.None);
    if (mode is "submit" or "all")
    {
        // Warm-up first: JIT, prepared statements, file growth.
        await MeasureAsync(Math.Min(jobs, 2_000), callers, i => store.SubmitAsync(NewJob(i), DateTimeOffset.UtcNow, CancellationToken.None));
        Report(store, "submissions", jobs, await MeasureAsync(jobs, callers, i => store.SubmitAsync(NewJob(i), DateTimeOffset.UtcNow, CancellationToken.None)));
    }

    if (mode is "postings" or "all")
    {
        await MeasureAsync(Math.Min(postings, 2_000), callers, i => TopUpAsync(store, "warm", i));
        Report(store, "postings (top-ups)", postings, await MeasureAsync(postings, callers, i => TopUpAsync(store, "run", i)));
        await CheckAsync(store);
    }

    if (mode is "orders" or "all")
    {
        // Every wallet holds enough for all its orders: the figure is of placing, not of refusing.
        await MeasureAsync(Tenants, callers, i => store.PostAsync(Postings.TopUp(Tenant(i), 1_000_000_000, "CNY", "CNY", 1m, "bench"), null, DateTimeOffset.UtcNow, CancellationToken.None));
        await MeasureAsync(Math.Min(orders, 2_000), callers, i => PlaceAsync(store, "warm", i));
        Report(store, "orders (job + order + reserve)", orders, await MeasureAsync(orders, callers, i => PlaceAsync(store, "run", i)));
        await CheckAsync(store);
    }

    if (mode is "audit" or "all")
    {
        await Suanwang.Storage.Bench.AuditBench.AppendsAsync(store, entries, callers);
    }
}

void Report(IStore store, string what, int count, (TimeSpan Elapsed, double[] LatenciesMs) run)
{
    Array.Sort(run.LatenciesMs);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{store.Dialect}: {count} {what}, {callers} callers: {count / run.Elapsed.TotalSeconds:F0}/s; " +
        $"latency p50 {Percentile(run.LatenciesMs, 0.50):F2} ms, p99 {Percentile(run.LatenciesMs, 0.99):F2} ms"));
}

static async Task CheckAsync(IStore store)
{
    var check = await store.VerifyLedgerAsync(CancellationToken.None);
    if (!check.Balanced)
    {
        throw new InvalidOperationException($"the ledger does not balance: {string.Join("; ", check.Problems.Take(5))}");
    }
}

static async Task<(TimeSpan Elapsed, double[] LatenciesMs)> MeasureAsync(int count, int callers, Func<int, Task> write)
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

// Jobs arrive parsed, as admission hands them to the store.
static NewJob NewJob(int i) => JobOf("bench", string.Create(CultureInfo.InvariantCulture, $"job-{i}"));

static NewJob JobOf(string tenant, string name)
{
    var spec = ParsedSpec.Value with { Tenant = tenant, Name = name };
    return new NewJob(spec, ParsedSpec.Text);
}

static string Tenant(int i) => string.Create(CultureInfo.InvariantCulture, $"t{i % Tenants}");

static async Task TopUpAsync(IStore store, string run, int i)
{
    var result = await store.PostAsync(
        Postings.TopUp(Tenant(i), 10_000, "CNY", "CNY", 1m, "bench top-up"),
        string.Create(CultureInfo.InvariantCulture, $"{run}-{i}"),
        DateTimeOffset.UtcNow,
        CancellationToken.None);
    if (result.Replayed || result.Insufficient)
    {
        throw new InvalidOperationException($"top-up {i} was not written: {result}");
    }
}

static async Task PlaceAsync(IStore store, string run, int i)
{
    var tenant = Tenant(i);
    var order = new NewOrder(MarketIds.Order(), tenant, string.Create(CultureInfo.InvariantCulture, $"{run}-{i}"), "hash", OrderKinds.Job, null, "CNY", 2_500);
    var result = await store.PlaceOrderAsync(order, JobOf(tenant, "bench"), DateTimeOffset.UtcNow, CancellationToken.None);
    if (result.Order is null || result.Replayed)
    {
        throw new InvalidOperationException($"order {i} was not placed: {result}");
    }
}

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

static string CpuModel()
{
    try
    {
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
    catch (IOException)
    {
        return "unknown CPU";
    }
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

/// <summary>The bench job's spec, parsed once: the store is what is measured.</summary>
internal static class ParsedSpec
{
    /// <summary>The spec text.</summary>
    public const string Text = "name: bench\ntenant: bench\nresources:\n  accelerators: H100-SXM:8\nestimated_runtime: 1h\n";

    /// <summary>The parsed spec.</summary>
    public static readonly JobSpec Value = JobSpecReader.Parse(Text, "bench", AcceleratorCatalog.Default);
}
