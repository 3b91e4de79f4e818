using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Hosting;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Sqlite;

// Each portal page's time with 1,000 sites and 10,000 jobs in the store: p50 and p95 of the time
// from sending a request to reading the whole page over loopback (an upper bound of the server's
// time), after the scheduler has placed the jobs. Usage: dotnet run -c Release --project
// bench/Suanwang.Portal.Bench [-- --samples N --out FILE.md]
var samples = 60;
string? outFile = null;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--samples")
    {
        samples = int.Parse(args[++i], CultureInfo.InvariantCulture);
    }
    else if (args[i] == "--out")
    {
        outFile = args[++i];
    }
}

const int Sites = 1_000;
const int Jobs = 10_000;
const int Warmup = 5;
string[] countries = ["CN", "KZ", "SG", "DE", "US"];
var folder = Path.Combine(Path.GetTempPath(), "suanwang-portal-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    await using var store = SqliteStore.InDataFolder(Path.Combine(folder, "data"));
    // Portal pages take the anonymous per-address bucket: the measurement runs without rate limits.
    await using var server = await SuanwangServer.StartAsync(
        new ServerOptions
        {
            Urls = "http://127.0.0.1:0",
            DataFolder = Path.Combine(folder, "data"),
            Dispatch = new DispatchOptions { SchedulerInterval = TimeSpan.FromMilliseconds(50) },
            RateLimits = new RateLimitOptions { Enabled = false },
            LogLevel = LogLevel.None,
        },
        store);
    var at = DateTimeOffset.UtcNow;
    for (var i = 0; i < Sites; i++)
    {
        await store.RegisterSiteAsync(SiteId(i), SiteYaml(i), "local", at, CancellationToken.None);
    }

    using var admin = new HttpClient { BaseAddress = server.Url };
    admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminKey);
    (await admin.PostAsJsonAsync("/api/v1/tenants", new NewTenant("bench"), ProtocolJson.Options)).EnsureSuccessStatusCode();
    (await admin.PostAsJsonAsync("/api/v1/tenants/bench/topups", new NewTopUp("100.00", "CNY"), ProtocolJson.Options)).EnsureSuccessStatusCode();
    const string Yaml = "name: bench-job\nrun: echo bench\nresources: { cards: 1 }\n";
    var spec = JobSpecReader.Parse(Yaml, "bench", AcceleratorCatalog.Default, "bench");
    await Parallel.ForEachAsync(Enumerable.Range(0, Jobs), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, cancellationToken) =>
        await store.SubmitAsync(new NewJob(spec, Yaml), DateTimeOffset.UtcNow, cancellationToken));
    var job = (await store.ListJobsAsync(new JobQuery(Limit: 1), CancellationToken.None))[0].Id;

    // The scheduler places the new jobs first: measure once /healthz stops changing, as a user would see the pages.
    var settle = Stopwatch.StartNew();
    string? health = null;
    while (settle.Elapsed < TimeSpan.FromSeconds(300))
    {
        var now = await admin.GetStringAsync(new Uri("/healthz", UriKind.Relative));
        if (now == health)
        {
            break;
        }

        health = now;
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    Console.WriteLine($"scheduler settled after {settle.Elapsed.TotalSeconds:0} s: {health}");
    var cookies = new CookieContainer();
    using var portal = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.Url };
    var signIn = await portal.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
    var token = WebUtility.HtmlDecode(Regex.Match(signIn, "name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
    using var signedIn = await portal.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent([new("key", server.AdminKey!), new("__csrf", token)]));
    if (signedIn.StatusCode != HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException($"sign-in answered {(int)signedIn.StatusCode}");
    }

    string[] pages =
    [
        "/sign-in", "/market", "/market?country=CN&sort=price", "/market?model=H100-SXM&max_price_per_card_hour=20&spot=true",
        "/sites/" + SiteId(500), "/order", "/jobs", "/jobs?state=queued", $"/jobs/{job}", "/wallet",
        "/map", "/map?page=10", "/operator", "/operator/ledger", "/audit", "/audit?page=2", "/audit/check?index=0",
        $"/portal/jobs/{job}/state", $"/portal/jobs/{job}/log", "/assets/portal.js",
    ];
    var report = new StringBuilder();
    var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
    report.AppendLine(CultureInfo.InvariantCulture, $"{Sites} sites, {Jobs} jobs ({health}); {Environment.ProcessorCount} CPUs, load average {load}");
    report.AppendLine("| page | p50 ms | p95 ms | bytes |");
    report.AppendLine("|---|---:|---:|---:|");
    foreach (var page in pages)
    {
        var times = new List<double>();
        var bytes = 0;
        for (var i = 0; i < Warmup + samples; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await portal.GetAsync(new Uri(page, UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            clock.Stop();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {page}: {(int)response.StatusCode}");
            }

            bytes = body.Length;
            if (i >= Warmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        report.AppendLine(CultureInfo.InvariantCulture, $"| `{page}` | {times[times.Count / 2]:0.0} | {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:0.0} | {bytes:N0} |");
    }

    Console.WriteLine(report.ToString());
    if (outFile is not null)
    {
        await File.WriteAllTextAsync(outFile, report.ToString());
    }
}
finally
{
    try
    {
        Directory.Delete(folder, recursive: true);
    }
    catch (IOException)
    {
    }
}

string SiteId(int i) => "bench-" + i.ToString("D4", CultureInfo.InvariantCulture);

string SiteYaml(int i) => $$"""
    id: {{SiteId(i)}}
    owner: Bench Provider {{i % 37}}
    jurisdiction: {{countries[i % countries.Length]}}
    tier: {{(i % 3 == 0 ? "core" : i % 3 == 1 ? "hub" : "edge")}}
    carbon: {{100 + (i % 500)}}
    pools:
      - { model: H100-SXM, cards_per_node: 8, nodes: 2, price: {{(10 + i % 17).ToString(CultureInfo.InvariantCulture)}} }
      - { model: CPU-core, cards_per_node: 2, nodes: 1, price: 0.1 }
    """;
