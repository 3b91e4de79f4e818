using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;

namespace Suanwang.ControlPlane.Bench;

/// <summary>
/// <c>POST /api/v1/orders</c> of a job spec, each with a new Idempotency-Key, from concurrent
/// loops on the quote benchmark's loaded server: each 201 has reserved money, submitted the job
/// and stored the order in one transaction. The tenant is topped up first; the ledger is verified after.
/// </summary>
internal static class OrderBench
{
    public static async Task RunAsync(Harness harness, string tenantKey, CallTimes times, BenchOptions options, Report report)
    {
        using (var topup = await harness.Admin.PostAsJsonAsync(new Uri("/api/v1/tenants/acme/topups", UriKind.Relative), new NewTopUp("1000000.00", "CNY"), ProtocolJson.Options))
        {
            if (!topup.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"topup: {(int)topup.StatusCode} {await topup.Content.ReadAsStringAsync()}");
            }
        }

        var loops = options.OrderLoops;
        using var client = harness.Client(tenantKey, loops);
        var body = Encoding.UTF8.GetBytes(QuoteNetwork.OrderSpec("acme"));
        Console.WriteLine($"order: {loops} loops, warm-up {options.Warmup} s, measuring {options.Seconds} s");
        await DriveAsync(client, body, loops, "w", TimeSpan.FromSeconds(options.Warmup));
        times.Recording = true;
        var clock = Stopwatch.StartNew();
        var (latencies, errors) = await DriveAsync(client, body, loops, "m", TimeSpan.FromSeconds(options.Seconds));
        var elapsed = clock.Elapsed.TotalSeconds;
        times.Recording = false;

        latencies.Sort();
        var rate = latencies.Count / elapsed;
        var (p50, p99, max) = (Stats.Percentile(latencies, 0.5), Stats.Percentile(latencies, 0.99), latencies.Count > 0 ? latencies[^1] : double.NaN);
        var failed = string.Join(", ", errors.Select(e => $"{e.Key}×{e.Value}"));
        var balance = await harness.Admin.GetFromJsonAsync<BalanceView>(new Uri("/api/v1/tenants/acme/balance", UriKind.Relative), ProtocolJson.Options);
        var verify = await harness.Admin.GetFromJsonAsync<LedgerCheckView>(new Uri("/api/v1/ledger/verify", UriKind.Relative), ProtocolJson.Options);
        Console.WriteLine($"order: {latencies.Count} orders (201) in {Stats.F(elapsed, "F2")} s = {Stats.F(rate, "F0")} orders/s; latency p50 {Stats.F(p50, "F2")} ms, p99 {Stats.F(p99, "F2")} ms, max {Stats.F(max, "F1")} ms; errors {(failed.Length == 0 ? "0" : failed)}");
        Console.WriteLine($"order: store calls meanwhile, p50 / p99: {times.Summary("FindApiKeyAsync", "GetTenantAsync", "ListSitesAsync", "PlaceOrderAsync", "ListActiveJobsAsync")}");
        Console.WriteLine($"order: acme available {balance?.Available}, reserved {balance?.Reserved} {balance?.Currency}; ledger balanced {verify?.Balanced} over {verify?.Postings} postings");
        report.Add($"order (spec), sqlite: latency p50 / p99 / max ({loops} loops)", $"{Stats.F(p50, "F2")} / {Stats.F(p99, "F2")} / {Stats.F(max, "F1")} ms");
        report.Add($"order (spec), sqlite: orders/s ({loops} loops)", Stats.F(rate, "F0"));
        report.Add("order (spec), sqlite: errors; ledger balanced", $"{errors.Values.Sum().ToString(CultureInfo.InvariantCulture)}; {(verify?.Balanced == true ? "yes" : "no")}");
    }

    private static async Task<(List<double> Latencies, Dictionary<string, long> Errors)> DriveAsync(HttpClient client, byte[] body, int loops, string phase, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var type = new MediaTypeHeaderValue("application/yaml");
        var all = await Task.WhenAll(Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            var errors = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var n = 0; Stopwatch.GetTimestamp() < end; n++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/orders", UriKind.Relative)) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = type;
                request.Headers.Add("Idempotency-Key", $"bench-{phase}-{loop}-{n}");
                var began = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    using var response = await client.SendAsync(request);
                    _ = await response.Content.ReadAsByteArrayAsync();
                    error = (int)response.StatusCode == 201 ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                }
                catch (HttpRequestException ex)
                {
                    error = ex.HttpRequestError.ToString();
                }
                catch (TaskCanceledException)
                {
                    error = "timeout";
                }

                if (error is null)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                }
                else
                {
                    errors[error] = errors.GetValueOrDefault(error) + 1;
                }
            }

            return (latencies, errors);
        })));

        var merged = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, errors) in all)
        {
            foreach (var (k, v) in errors)
            {
                merged[k] = merged.GetValueOrDefault(k) + v;
            }
        }

        return (all.SelectMany(a => a.latencies).ToList(), merged);
    }
}
