using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;
using Suanwang.Portal.Tests.Support;
using Suanwang.Storage.Jobs;
using Xunit.Abstractions;

namespace Suanwang.Portal.Tests.Bench;

/// <summary>
/// Each page's time with 1,000 sites and 10,000 jobs in the store: p50 and p95 of the time from
/// sending a request to reading the whole page over loopback (an upper bound of the server's time).
/// </summary>
public sealed class PageTimes(ITestOutputHelper output)
{
    private const int Sites = 1_000;
    private const int Jobs = 10_000;
    private const int Warmup = 5;
    private const int Samples = 60;
    private static readonly string[] s_countries = ["CN", "KZ", "SG", "DE", "US"];

    [BenchFact]
    public async Task EveryPage_WithAThousandSitesAndTenThousandJobs()
    {
        // Portal pages take the anonymous per-address bucket (20 requests/s): the measurement sends more.
        await using var network = await PortalNetwork.StartAsync(agents: false, rateLimits: false);
        var store = network.Store;
        var at = DateTimeOffset.UtcNow;
        for (var i = 0; i < Sites; i++)
        {
            await store.RegisterSiteAsync(SiteId(i), SiteYaml(i), "local", at, CancellationToken.None);
        }

        await network.TenantAsync("bench");
        var spec = JobSpecReader.Parse("name: bench-job\nrun: echo bench\nresources: { cards: 1 }\n", "bench", AcceleratorCatalog.Default, "bench");
        var submitted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Jobs), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, cancellationToken) =>
        {
            await store.SubmitAsync(new NewJob(spec, "name: bench-job\nrun: echo bench\n"), DateTimeOffset.UtcNow, cancellationToken);
            Interlocked.Increment(ref submitted);
        });
        var job = (await store.ListJobsAsync(new JobQuery(Limit: 1), CancellationToken.None))[0].Id;

        // The scheduler places the new jobs first: measure the pages once it has, as a user would see them.
        var settle = Stopwatch.StartNew();
        string? health = null;
        while (settle.Elapsed < TimeSpan.FromSeconds(120))
        {
            var now = await network.Admin.GetStringAsync(new Uri("/healthz", UriKind.Relative));
            if (now == health)
            {
                break;
            }

            health = now;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        output.WriteLine($"scheduler settled after {settle.Elapsed.TotalSeconds:0} s: {health}");

        using var portal = new PortalClient(network.Url);
        await portal.SignInAsync(network.AdminKey);
        var pages = new[]
        {
            "/sign-in", "/market", "/market?country=CN&sort=price", "/market?model=H100-SXM&max_price_per_card_hour=20&spot=true",
            "/sites/" + SiteId(500), "/order", "/jobs", "/jobs?state=queued", $"/jobs/{job}",
            $"/portal/jobs/{job}/state", $"/portal/jobs/{job}/log", "/assets/portal.js",
        };
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{Sites} sites, {submitted} jobs ({health}); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        report.AppendLine("| page | p50 ms | p95 ms | bytes |");
        report.AppendLine("|---|---:|---:|---:|");
        foreach (var page in pages)
        {
            var times = new List<double>();
            var bytes = 0;
            for (var i = 0; i < Warmup + Samples; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await portal.GetAsync(page);
                var body = await response.Content.ReadAsByteArrayAsync();
                clock.Stop();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                bytes = body.Length;
                if (i >= Warmup)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            report.AppendLine(CultureInfo.InvariantCulture, $"| `{page}` | {times[times.Count / 2]:0.0} | {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:0.0} | {bytes:N0} |");
        }

        output.WriteLine(report.ToString());
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "portal-page-times.md"), report.ToString());
    }

    private static string SiteId(int i) => "bench-" + i.ToString("D4", CultureInfo.InvariantCulture);

    private static string SiteYaml(int i) => $$"""
        id: {{SiteId(i)}}
        owner: Bench Provider {{i % 37}}
        jurisdiction: {{s_countries[i % s_countries.Length]}}
        tier: {{(i % 3 == 0 ? "core" : i % 3 == 1 ? "hub" : "edge")}}
        carbon: {{100 + (i % 500)}}
        pools:
          - { model: H100-SXM, cards_per_node: 8, nodes: 2, price: {{(10 + i % 17).ToString(CultureInfo.InvariantCulture)}} }
          - { model: CPU-core, cards_per_node: 2, nodes: 1, price: 0.1 }
        """;
}
