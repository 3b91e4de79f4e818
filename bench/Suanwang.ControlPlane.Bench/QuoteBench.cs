using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;

namespace Suanwang.ControlPlane.Bench;

/// <summary>
/// What a client waits for a quote, end to end: <c>POST /api/v1/quotes</c> over 1,000 registered
/// sites while the scheduler holds a few thousand queued and placed jobs, on the real SQLite store.
/// One client sends the quotes one after another (each on its own, no concurrency), after a
/// warm-up; the latency runs from sending the request to the last byte of the 201. Then the same
/// server is used for <see cref="OrderBench"/>.
/// </summary>
internal static class QuoteBench
{
    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var sites = options.SitesOr(1_000);
        var jobs = options.JobsOr(3_000);
        var serverOptions = Harness.Options();
        serverOptions.Market.ExchangeRates = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["USD"] = QuoteNetwork.UsdRate };
        CallTimes? times = null;
        await using var harness = await Harness.SqliteAsync(serverOptions, inner =>
        {
            var (store, t) = CallTimes.Wrap(inner);
            times = t;
            return store;
        });

        var setup = Stopwatch.StartNew();
        await QuoteLoad.RegisterAsync(harness, sites);
        Console.WriteLine($"quote: {sites} sites registered through /api/v1/agents/register in {Stats.F(setup.Elapsed.TotalSeconds)} s");
        var submitted = Stopwatch.StartNew();
        await QuoteLoad.SubmitAsync(harness, "load", jobs);
        Console.WriteLine($"quote: {jobs} load jobs submitted through /api/v1/jobs in {Stats.F(submitted.Elapsed.TotalSeconds)} s");
        var (waiting, running) = await QuoteLoad.SettleAsync(harness, jobs, TimeSpan.FromSeconds(30));
        var (cards, free, full) = await QuoteLoad.OccupancyAsync(harness);
        var busy = cards == 0 ? 0 : 100.0 * (cards - free) / cards;
        Console.WriteLine($"quote: setup {Stats.F(setup.Elapsed.TotalSeconds)} s; scheduler holds {running} placed and {waiting} waiting jobs; {cards - free} of {cards} cards busy ({Stats.F(busy)} %), {full} sites with no free card");

        var key = await harness.TenantKeyAsync("acme");
        using var client = harness.Client(key, 1);
        var texts = QuoteNetwork.QuoteSpecs("acme");
        var specs = texts.Select(Encoding.UTF8.GetBytes).ToArray();
        var warmup = Stopwatch.StartNew();
        var warm = 0;
        while (warm < specs.Length || warmup.Elapsed.TotalSeconds < options.Warmup)
        {
            await QuoteAsync(client, specs[warm++ % specs.Length]);
        }

        Console.WriteLine($"quote: {warm} warm-up quotes in {Stats.F(warmup.Elapsed.TotalSeconds)} s; measuring {options.Quotes} sequential quotes of {specs.Length} specs in turn");
        var latencies = new List<double>(options.Quotes);
        var bodies = new List<(int Spec, byte[] Body)>(options.Quotes);
        var errors = 0;
        times!.Recording = true;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.Quotes; i++)
        {
            var began = Stopwatch.GetTimestamp();
            var (created, body) = await QuoteAsync(client, specs[i % specs.Length]);
            var ms = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            if (created)
            {
                latencies.Add(ms);
                bodies.Add((i % specs.Length, body));
            }
            else
            {
                errors++;
                if (errors == 1)
                {
                    Console.WriteLine($"quote: error {Encoding.UTF8.GetString(body)}");
                }
            }
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        times.Recording = false;
        var shapes = Inspect(bodies, texts);
        latencies.Sort();
        var (p50, p99, max) = (Stats.Percentile(latencies, 0.5), Stats.Percentile(latencies, 0.99), latencies.Count > 0 ? latencies[^1] : double.NaN);
        var rate = latencies.Count / elapsed;
        Console.WriteLine($"quote: {latencies.Count} quotes (201) in {Stats.F(elapsed, "F2")} s = {Stats.F(rate, "F0")} quotes/s; latency p50 {Stats.F(p50, "F2")} ms, p99 {Stats.F(p99, "F2")} ms, max {Stats.F(max, "F2")} ms; errors {errors}");
        Console.WriteLine($"quote: options per quote, of which expected to start later than now (no room in the pool now): {shapes}");
        Console.WriteLine($"quote: store calls meanwhile, p50 / p99 (ListSitesAsync also from scheduler passes): {times.Summary("FindApiKeyAsync", "ListSitesAsync", "SaveQuoteAsync", "ListActiveJobsAsync")}");
        times.Clear();
        var load = $"{sites} sites, {running} placed + {waiting} waiting jobs";
        report.Add($"quote, sqlite, {load}: latency p50 / p99 / max (1 client, sequential)", $"{Stats.F(p50, "F2")} / {Stats.F(p99, "F2")} / {Stats.F(max, "F1")} ms");
        report.Add("quote, sqlite: quotes/s (1 client, sequential)", Stats.F(rate, "F0"));
        report.Add("quote, sqlite: errors", errors.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await OrderBench.RunAsync(harness, key, times, options, report);
    }

    private static async Task<(bool Created, byte[] Body)> QuoteAsync(HttpClient client, byte[] spec)
    {
        using var content = new ByteArrayContent(spec);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        using var response = await client.PostAsync(new Uri("/api/v1/quotes", UriKind.Relative), content);
        var body = await response.Content.ReadAsByteArrayAsync();
        return ((int)response.StatusCode == 201, body);
    }

    /// <summary>For each spec, options per quote and how many of them start later than the quote was made, on average.</summary>
    private static string Inspect(List<(int Spec, byte[] Body)> bodies, IReadOnlyList<string> specs)
    {
        var options = new int[specs.Count];
        var later = new int[specs.Count];
        var quotes = new int[specs.Count];
        foreach (var (spec, body) in bodies)
        {
            var quote = JsonSerializer.Deserialize<QuoteView>(body, ProtocolJson.Options)!;
            quotes[spec]++;
            options[spec] += quote.Options.Count;
            later[spec] += quote.Options.Count(o => o.ExpectedStart > quote.CreatedAt);
        }

        return string.Join("; ", specs.Select((text, i) => quotes[i] == 0 ? "" :
            $"{text.Split('\n')[0].Replace("name: ", "", StringComparison.Ordinal)} {Stats.F((double)options[i] / quotes[i], "F1")}, {Stats.F((double)later[i] / quotes[i], "F1")} later"));
    }
}
