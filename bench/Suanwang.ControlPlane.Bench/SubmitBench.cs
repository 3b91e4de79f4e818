using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Suanwang.ControlPlane.Bench;

/// <summary>Jobs accepted (201) and durably stored through POST /api/v1/jobs, per second.</summary>
internal static class SubmitBench
{
    public const double Target = 2_000;

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        await using (var sqlite = await Harness.SqliteAsync(Harness.Options()))
        {
            var rate = await MeasureAsync("sqlite", sqlite, options, report);
            report.Values["submit.sqlite"] = rate;
        }

        var postgres = options.Postgres;
        if (options.NoPostgres)
        {
            Console.WriteLine("submit postgres: skipped (--no-postgres)");
            return;
        }

        postgres ??= await Harness.StartPostgresAsync();
        if (string.IsNullOrWhiteSpace(postgres))
        {
            Console.WriteLine("submit postgres: skipped (no server)");
            return;
        }

        await using var pg = await Harness.PostgresAsync(Harness.Options(), postgres);
        report.Values["submit.postgres"] = await MeasureAsync("postgres", pg, options, report);
    }

    private static async Task<double> MeasureAsync(string name, Harness harness, BenchOptions options, Report report)
    {
        await harness.RegisterSiteAsync(Harness.Site("cn-bench", "Ascend-910B", 8, 4, 10));
        var key = await harness.TenantKeyAsync("bench");
        using var client = harness.Client(key, options.Loops);
        var body = System.Text.Encoding.UTF8.GetBytes(Harness.Job("bench", "bench-job", "Ascend-910B", 1, 0));

        Console.WriteLine($"submit {name}: {options.Loops} loops, warm-up {options.Warmup} s, measuring {options.Seconds} s (load generator shares the {Environment.ProcessorCount} cores with the server)");
        await DriveAsync(client, body, options.Loops, TimeSpan.FromSeconds(options.Warmup));
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await DriveAsync(client, body, options.Loops, TimeSpan.FromSeconds(options.Seconds));
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

        result.Latencies.Sort();
        var rate = result.Created / elapsed;
        var p50 = Stats.Percentile(result.Latencies, 0.50);
        var p99 = Stats.Percentile(result.Latencies, 0.99);
        var errors = string.Join(", ", result.Errors.Select(e => $"{e.Key}×{e.Value}"));
        Console.WriteLine($"submit {name}: {result.Created} created in {Stats.F(elapsed, "F2")} s = {Stats.F(rate, "F0")} jobs/s; latency p50 {Stats.F(p50, "F2")} ms, p99 {Stats.F(p99, "F2")} ms; errors {(errors.Length == 0 ? "0" : errors)}; process CPU {Stats.F(cpu / elapsed, "F2")} cores of {Environment.ProcessorCount}");
        var target = name == "sqlite" ? $"≥ {Target:F0}/s" : "";
        var verdict = name == "sqlite" ? (rate >= Target ? "yes" : "no") : "";
        report.Add($"submit, {name}: jobs/s ({options.Loops} loops)", Stats.F(rate, "F0"), target, verdict);
        report.Add($"submit, {name}: latency p50 / p99", $"{Stats.F(p50, "F2")} / {Stats.F(p99, "F2")} ms");
        report.Add($"submit, {name}: errors", result.Errors.Values.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture));
        return rate;
    }

    internal sealed record Result(long Created, List<double> Latencies, Dictionary<string, long> Errors);

    internal static async Task<Result> DriveAsync(HttpClient client, byte[] body, int loops, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var type = new MediaTypeHeaderValue("application/yaml");
        var tasks = Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            var errors = new Dictionary<string, long>(StringComparer.Ordinal);
            long created = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = type;
                var began = Stopwatch.GetTimestamp();
                string? error = null;
                try
                {
                    using var response = await client.PostAsync(new Uri("/api/v1/jobs", UriKind.Relative), content);
                    _ = await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        created++;
                        latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                    }
                    else
                    {
                        error = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
                catch (HttpRequestException ex)
                {
                    error = ex.HttpRequestError.ToString();
                }
                catch (TaskCanceledException)
                {
                    error = "timeout";
                }

                if (error is not null)
                {
                    errors[error] = errors.GetValueOrDefault(error) + 1;
                }
            }

            return (created, latencies, errors);
        })).ToList();
        var all = await Task.WhenAll(tasks);
        var merged = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, _, errors) in all)
        {
            foreach (var (k, v) in errors)
            {
                merged[k] = merged.GetValueOrDefault(k) + v;
            }
        }

        return new Result(all.Sum(a => a.created), all.SelectMany(a => a.latencies).ToList(), merged);
    }
}
