using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using Suanwang.Server.Hosting;

namespace Suanwang.ControlPlane.Bench;

/// <summary>
/// What the per-key rate limiter costs the HTTP submission figure: submit runs over SQLite with
/// the limiter on and off, alternating (on, off, off, on, ...) so drift in the machine's load
/// falls on both alike. Each run is a fresh server; the tenant's bucket is large enough never to
/// refuse, so the difference is the limiter's bookkeeping alone.
/// </summary>
internal static class RateLimitBench
{
    public const double MaxCost = 0.05;

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var on = new List<double>();
        var off = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            // ABBA order: each pair starts with the other setting than the last pair.
            foreach (var enabled in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var rate = await MeasureAsync(enabled, options);
                (enabled ? on : off).Add(rate);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratelimit round {round + 1}: limiter {(enabled ? "on " : "off")} {rate:F0} jobs/s"));
            }
        }

        var withLimiter = on.Average();
        var without = off.Average();
        var cost = 1 - (withLimiter / without);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratelimit: with limiter {withLimiter:F0} jobs/s, without {without:F0} jobs/s, ratio {withLimiter / without:F3} (cost {cost * 100:F1} %)"));
        // On a busy machine the end-to-end runs differ by more than the limiter can cost; its
        // own work per request, timed alone, bounds what it takes from each submission.
        var perRequest = LimiterNanoseconds();
        var share = perRequest * 1e-9 * without;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratelimit: the limiter alone takes {perRequest:F0} ns per request, {share * 100:F3} % of a submission at {without:F0} jobs/s"));
        report.Add("rate limiter alone, per request", string.Create(CultureInfo.InvariantCulture, $"{perRequest:F0} ns ({share * 100:F3} % of a submission)"));
        report.Values["ratelimit.on"] = withLimiter;
        report.Values["ratelimit.off"] = without;
        report.Add($"submit, sqlite, rate limiter on / off: jobs/s ({options.Rounds} rounds)", string.Create(CultureInfo.InvariantCulture, $"{withLimiter:F0} / {without:F0}"));
        report.Add("rate limiter cost on submissions", string.Create(CultureInfo.InvariantCulture, $"{cost * 100:F1} %"), $"< {MaxCost * 100:F0} %", cost < MaxCost ? "yes" : "no");
    }

    // The limiter as the server builds it (a token bucket per key, partitioned), over 100 keys
    // in turn: nanoseconds per AttemptAcquire and lease disposal.
    private static double LimiterNanoseconds()
    {
        using var limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, static _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1_000_000,
            TokensPerPeriod = 1_000_000,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        var keys = Enumerable.Range(0, 100).Select(i => "k_" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        const int Calls = 2_000_000;
        for (var i = 0; i < Calls / 10; i++)
        {
            using var warm = limiter.AttemptAcquire(keys[i % keys.Length]);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            using var lease = limiter.AttemptAcquire(keys[i % keys.Length]);
        }

        return clock.Elapsed.TotalNanoseconds / Calls;
    }

    private static async Task<double> MeasureAsync(bool limiter, BenchOptions options)
    {
        var serverOptions = Harness.Options() with { RateLimits = new RateLimitOptions { Enabled = limiter } };
        await using var harness = await Harness.SqliteAsync(serverOptions);
        await harness.RegisterSiteAsync(Harness.Site("cn-bench", "Ascend-910B", 8, 4, 10));
        var key = await harness.TenantKeyAsync("bench");
        using var client = harness.Client(key, options.Loops);
        var body = System.Text.Encoding.UTF8.GetBytes(Harness.Job("bench", "bench-job", "Ascend-910B", 1, 0));
        await SubmitBench.DriveAsync(client, body, options.Loops, TimeSpan.FromSeconds(options.Warmup));
        var clock = Stopwatch.StartNew();
        var result = await SubmitBench.DriveAsync(client, body, options.Loops, TimeSpan.FromSeconds(options.Seconds));
        var errors = result.Errors.Values.Sum();
        if (errors > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratelimit: {errors} requests failed ({string.Join(", ", result.Errors.Select(e => $"{e.Key}×{e.Value}"))})"));
        }

        return result.Created / clock.Elapsed.TotalSeconds;
    }
}
