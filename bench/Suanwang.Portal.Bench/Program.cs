using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Portal.Bench;
using Suanwang.Server.Hosting;
using Suanwang.Storage.Sqlite;

// Every portal route's time with 1,000 sites and 10,000 jobs in the store, all of them ordered by
// one tenant, run and charged: p50 and p95 of the time from sending a request to reading the whole
// answer over loopback (an upper bound of the server's time). The routes come from the server's
// own endpoints: a GET route without a sample here stops the bench, naming it.
// Usage: dotnet run -c Release --project bench/Suanwang.Portal.Bench [-- --samples N --out FILE.md --sites N --jobs N --data FOLDER --only TEXT]
// --data keeps the seeded store in FOLDER and, when FOLDER already holds one, measures it again
// without seeding (migrations added since run on it first); --only measures the requests whose
// path contains TEXT.
var samples = 60;
var sites = 1_000;
var jobs = 10_000;
string? outFile = null;
string? dataFolder = null;
string? only = null;
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--samples": samples = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--sites": sites = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--jobs": jobs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out": outFile = args[++i]; break;
        case "--data": dataFolder = Path.GetFullPath(args[++i]); break;
        case "--only": only = args[++i]; break;
        default: break;
    }
}

const int Warmup = 5;
const double TargetP95 = 100;
var tokenRecords = jobs / 2;

// Routes that write money or end a session: they are measured by the tests, not here.
string[] unmeasured =
[
    "POST /order?handler=Confirm", "POST /jobs/{id:long}?handler=Cancel", "POST /wallet?handler=TopUp", "POST /wallet?handler=Refund",
    "POST /tokens?handler=Create", "POST /tokens?handler=Revoke", "POST /sign-in", "POST /sign-out", "POST /language",
];

// Requests that are actions rather than pages: measured and listed, not held to the page target.
string[] actions = ["POST /operator/ledger?handler=Check"];
string[] downloads = ["GET /statements?handler=Csv"];

var folder = dataFolder ?? Path.Combine(Path.GetTempPath(), "suanwang-portal-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var seeded = Path.Combine(folder, "seeded.json");
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
            // The bench's sites send no heartbeats: they stay up while the seeding runs their jobs.
            AgentLink = new AgentLinkOptions { AgentTimeout = TimeSpan.FromHours(2) },
            RateLimits = new RateLimitOptions { Enabled = false },
            LogLevel = LogLevel.None,
        },
        store);
    using var admin = new HttpClient { BaseAddress = server.Url };
    admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminKey);
    var seeding = Stopwatch.StartNew();
    var data = new BenchData(store, admin, server.Url);
    var adminKey = server.AdminKey;
    if (File.Exists(seeded))
    {
        adminKey = data.Load(await File.ReadAllTextAsync(seeded));
        Console.WriteLine($"the store seeded in {folder}: {data.Charged} jobs charged");
    }
    else
    {
        await data.SeedAsync(server.Services, sites, jobs, tokenRecords);
        Console.WriteLine($"{sites} sites, {data.Charged} jobs ordered, run and charged, {tokenRecords} token requests, a log of {data.LogBytes:N0} bytes: seeded in {seeding.Elapsed.TotalSeconds:0} s");
        if (dataFolder is not null)
        {
            await File.WriteAllTextAsync(seeded, data.Save(adminKey!));
        }
    }

    var job = data.LoggedJob;
    var month = DateTimeOffset.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    var from = DateTimeOffset.UtcNow.AddDays(-90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    var to = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    var provider = Uri.EscapeDataString(BenchData.Provider);
    KeyValuePair<string, string>[] order =
    [
        new("Form.Name", "bench-quote"), new("Form.Run", "echo quote"), new("Form.Model", "H100-SXM"), new("Form.Cards", "1"),
        new("Form.TimeLimit", "1h"), new("Form.Estimate", "30m"), new("Form.Country", "CN"),
    ];
    PageSample[] pages =
    [
        new("GET /", "/", Expected: HttpStatusCode.Redirect),
        new("GET /sign-in", "/sign-in"),
        new("GET /sign-out", "/sign-out", Expected: HttpStatusCode.Redirect),
        new("GET /language", "/language", Expected: HttpStatusCode.Redirect),
        new("GET /forbidden", "/forbidden", Expected: HttpStatusCode.Forbidden),
        new("GET /market", "/market"),
        new("GET /market", "/market?country=CN&sort=price"),
        new("GET /market", "/market?model=H100-SXM&max_price_per_card_hour=20&spot=true"),
        new("GET /sites/{id}", "/sites/" + BenchData.SiteId(Math.Min(500, sites - 1))),
        new("GET /order", "/order"),
        new("POST /order?handler=Validate", "/order?handler=Validate", "tenant", order),
        new("POST /order?handler=Quote", "/order?handler=Quote", "tenant", order),
        new("POST /portal/order/check", "/portal/order/check", "tenant", order),
        new("GET /jobs", "/jobs", "tenant"),
        new("GET /jobs", "/jobs?state=succeeded"),
        new("GET /jobs/{id:long}", $"/jobs/{job}", "tenant"),
        new("GET /portal/jobs/{id:long}/state", $"/portal/jobs/{job}/state", "tenant"),
        new("GET /portal/jobs/{id:long}/log", $"/portal/jobs/{job}/log", "tenant"),
        new("GET /portal/jobs/{id:long}/log", $"/portal/jobs/{job}/log?offset={data.LogBytes / 2}", "tenant"),
        new("GET /wallet", "/wallet", "tenant"),
        new("GET /wallet", $"/wallet?tenant={BenchData.Tenant}"),
        new("GET /statements", "/statements", "tenant"),
        new("GET /statements", $"/statements?month={month}", "tenant"),
        new("GET /statements", $"/statements?from={from}&to={to}", "tenant"),
        new("GET /statements", $"/statements?provider={provider}"),
        new("GET /statements?handler=Csv", $"/statements?handler=Csv&month={month}", "tenant"),
        new("GET /statements?handler=Html", $"/statements?handler=Html&month={month}", "tenant"),
        new("GET /statements?handler=Csv", $"/statements?handler=Csv&provider={provider}"),
        new("GET /tokens", "/tokens", "tenant"),
        new("GET /tokens", $"/tokens?tenant={BenchData.Tenant}"),
        new("GET /map", "/map"),
        new("GET /map", "/map?page=5"),
        new("GET /operator", "/operator"),
        new("GET /provider", $"/provider?owner={provider}"),
        new("POST /operator/ledger?handler=Check", "/operator/ledger?handler=Check", "admin", [], HttpStatusCode.Redirect),
        new("GET /operator/ledger", "/operator/ledger"),
        new("GET /audit", "/audit"),
        new("GET /audit", "/audit?page=2"),
        new("GET /audit/check", "/audit/check?index=0"),
        new("GET /assets", "/assets/portal.js"),
        new("GET /assets", "/assets/portal.css"),
    ];

    var routes = await PortalRoutes.ListAsync(server.Services);
    var sampled = pages.Select(p => p.Route).ToHashSet(StringComparer.Ordinal);
    var missing = routes.Where(r => !sampled.Contains(r) && !unmeasured.Contains(r)).ToList();
    if (missing.Count > 0)
    {
        throw new InvalidOperationException("the bench has no sample for: " + string.Join(", ", missing) + " (add one to the pages in bench/Suanwang.Portal.Bench/Program.cs)");
    }

    var stale = sampled.Where(r => r != "GET /assets" && !routes.Contains(r)).ToList();
    if (stale.Count > 0)
    {
        throw new InvalidOperationException("the portal maps no route " + string.Join(", ", stale));
    }

    var clients = new Dictionary<string, (HttpClient Http, string Csrf)>
    {
        ["admin"] = await SignInAsync(server.Url, adminKey!),
        ["tenant"] = await SignInAsync(server.Url, data.TenantKey),
    };
    var report = new StringBuilder();
    var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
    report.AppendLine(CultureInfo.InvariantCulture, $"{sites:N0} sites, {data.Charged:N0} jobs charged to tenant {BenchData.Tenant}, {tokenRecords:N0} token requests; {Environment.ProcessorCount} CPUs, load average {load}");
    report.AppendLine(CultureInfo.InvariantCulture, $"{routes.Count} portal routes: {routes.Count(r => sampled.Contains(r))} measured, not measured (they write money or end the session): {string.Join(", ", unmeasured)}");
    report.AppendLine("| request | as | p50 ms | p95 ms | first byte p95 ms | bytes |");
    report.AppendLine("|---|---|---:|---:|---:|---:|");
    var missed = new List<string>();
    foreach (var page in pages.Where(p => only is null || p.Path.Contains(only, StringComparison.Ordinal)))
    {
        var (http, csrf) = clients[page.Who];
        var times = new List<double>();
        var firstBytes = new List<double>();
        long bytes = 0;
        for (var i = 0; i < Warmup + samples; i++)
        {
            using var request = new HttpRequestMessage(page.Form is null ? HttpMethod.Get : HttpMethod.Post, new Uri(page.Path, UriKind.Relative));
            if (page.Form is not null)
            {
                request.Content = new FormUrlEncodedContent([.. page.Form, new("__csrf", csrf)]);
            }

            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var firstByte = clock.Elapsed.TotalMilliseconds;
            var body = await response.Content.ReadAsByteArrayAsync();
            clock.Stop();
            if (response.StatusCode != page.Expected)
            {
                var text = Regex.Replace(Encoding.UTF8.GetString(body), "<[^>]*>|\\s+", " ");
                throw new InvalidOperationException($"{page.Route} ({page.Path}): {(int)response.StatusCode}, expected {(int)page.Expected}: {text[..Math.Min(text.Length, 2000)]}");
            }

            bytes = body.Length;
            if (i >= Warmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
                firstBytes.Add(firstByte);
            }
        }

        times.Sort();
        firstBytes.Sort();
        var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        var firstP95 = firstBytes[(int)Math.Ceiling(firstBytes.Count * 0.95) - 1];
        var method = page.Form is null ? "" : "POST ";
        report.AppendLine(CultureInfo.InvariantCulture, $"| `{method}{page.Path}` | {page.Who} | {times[times.Count / 2]:0.0} | {p95:0.0} | {firstP95:0.0} | {bytes:N0} |");

        // A download of a whole period's rows streams as it is read: it is held to the target
        // by its first byte; its whole time is printed beside it.
        var held = downloads.Contains(page.Route) ? firstP95 : p95;
        if (held > TargetP95 && !actions.Contains(page.Route))
        {
            missed.Add(method + page.Path);
        }
    }

    report.AppendLine(CultureInfo.InvariantCulture, $"actions, not held to the page target: {string.Join(", ", actions)}");
    report.AppendLine(CultureInfo.InvariantCulture, $"streamed downloads, held to the target by their first byte: {string.Join(", ", downloads)}");
    report.AppendLine(CultureInfo.InvariantCulture, $"target p95 <= {TargetP95:0} ms: {(missed.Count == 0 ? "met" : "MISSED (" + string.Join(", ", missed) + ")")}");
    foreach (var (http, _) in clients.Values)
    {
        http.Dispose();
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
        if (dataFolder is null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
    catch (IOException)
    {
    }
}

// A portal session of the key, and the antiforgery token its forms carry.
static async Task<(HttpClient Http, string Csrf)> SignInAsync(Uri url, string key)
{
    var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = url };
    var token = Csrf(await http.GetStringAsync(new Uri("/sign-in", UriKind.Relative)));
    using var signedIn = await http.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent([new("key", key), new("__csrf", token)]));
    if (signedIn.StatusCode != HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException($"sign-in answered {(int)signedIn.StatusCode}");
    }

    return (http, Csrf(await http.GetStringAsync(new Uri("/order", UriKind.Relative))));
}

static string Csrf(string html) =>
    WebUtility.HtmlDecode(Regex.Match(html, "name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
