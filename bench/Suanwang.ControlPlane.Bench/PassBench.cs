using System.Diagnostics;
using System.Net.Http.Headers;
using Suanwang.ControlPlane.Dispatch;

namespace Suanwang.ControlPlane.Bench;

/// <summary>
/// Scheduler pass time with many queued jobs over many sites, on the real SQLite store. The
/// server does not expose its PassStats (SchedulerLoop discards what SchedulerPass.RunAsync
/// returns; /healthz has only status, scheduler, waiting and running), so the pass is timed
/// from outside: the store is wrapped and the scheduler interval set to 1 ms, so passes run back
/// to back and the period between two pass starts is an upper bound on one pass.
/// </summary>
internal static class PassBench
{
    private const double TargetMs = 100;
    private static readonly string[] s_models = ["Ascend-910B", "A100-80GB", "H20"];

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var sites = options.SitesOr(100);
        var jobs = options.JobsOr(10_000);
        var serverOptions = Harness.Options();
        serverOptions.Dispatch.SchedulerInterval = TimeSpan.FromMilliseconds(1);
        TimingStore? timing = null;
        await using var harness = await Harness.SqliteAsync(serverOptions, inner =>
        {
            var (store, t) = TimingStore.Wrap(inner);
            timing = t;
            return store;
        });

        for (var s = 0; s < sites; s++)
        {
            // One node of 8 cards per site: 100 sites hold about 130 jobs of 4 or 8 cards, the rest queue.
            await harness.RegisterSiteAsync(Harness.Site($"cn-site-{s:000}", s_models[s % 3], 8, 1, 5 + (s % 7)));
        }

        var key = await harness.TenantKeyAsync("acme");
        using var client = harness.Client(key, 32);
        Console.WriteLine($"pass: submitting {jobs} jobs over {sites} sites through the API");
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(loop => Task.Run(async () =>
        {
            int j;
            while ((j = Interlocked.Increment(ref next)) < jobs)
            {
                using var content = new StringContent(Harness.Job("acme", $"j{j}", s_models[j % 3], j % 4 == 0 ? 8 : 4, j % 5));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
                using var response = await client.PostAsync(new Uri("/api/v1/jobs", UriKind.Relative), content);
                if ((int)response.StatusCode != 201)
                {
                    throw new InvalidOperationException($"submit: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        })));
        Console.WriteLine($"pass: submitted in {Stats.F(clock.Elapsed.TotalSeconds, "F1")} s");

        // Wait for the scheduler to see every job and to stop placing (capacity full).
        var (waiting, running) = (0, 0);
        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < TimeSpan.FromSeconds(60))
        {
            (waiting, running) = await harness.HealthAsync();
            var recent = timing!.Snapshot();
            if (waiting + running >= jobs && recent.Count >= 3 && recent[^2].Writes == 0)
            {
                break;
            }

            await Task.Delay(200);
        }

        Console.WriteLine($"pass: scheduler sees {waiting} waiting, {running} placed or running; sampling for {options.Seconds} s");
        timing!.Clear();
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        var passes = timing.Snapshot();
        (waiting, running) = await harness.HealthAsync();

        var periods = new List<double>();
        var reads = new List<double>();
        for (var i = 0; i + 1 < passes.Count; i++)
        {
            periods.Add(Stopwatch.GetElapsedTime(passes[i].Start, passes[i + 1].Start).TotalMilliseconds);
            if (passes[i].ReadEnd > 0)
            {
                reads.Add(Stopwatch.GetElapsedTime(passes[i].Start, passes[i].ReadEnd).TotalMilliseconds);
            }
        }

        periods.Sort();
        reads.Sort();
        var p50 = Stats.Percentile(periods, 0.5);
        var p99 = Stats.Percentile(periods, 0.99);
        var writes = passes.Take(passes.Count - 1).Sum(p => p.Writes);
        Console.WriteLine($"pass: {periods.Count} passes over {waiting} waiting + {running} placed jobs, {sites} sites");
        Console.WriteLine($"pass: period between pass starts (upper bound on a pass; 1 ms interval included) p50 {Stats.F(p50)} ms, p99 {Stats.F(p99)} ms, max {Stats.F(periods.Count > 0 ? periods[^1] : double.NaN)} ms");
        Console.WriteLine($"pass: of which reading active jobs (ListActiveJobsAsync, {waiting + running} rows) p50 {Stats.F(Stats.Percentile(reads, 0.5))} ms, p99 {Stats.F(Stats.Percentile(reads, 0.99))} ms; store writes during sampling {writes}");
        Console.WriteLine("pass: not exposed by the server: PassStats (Total, Compute, Active, Started, Requeued) is returned by SchedulerPass.RunAsync and dropped by SchedulerLoop; only SchedulerLoop.Passes (internal) counts passes");
        report.Add($"pass, sqlite, {waiting + running} active jobs / {sites} sites: p50 / p99 (period between pass starts, upper bound)", $"{Stats.F(p50)} / {Stats.F(p99)} ms", $"p99 < {TargetMs:F0} ms", p99 < TargetMs ? "yes" : "no");
        report.Add("pass, sqlite: reading the active jobs p50 / p99", $"{Stats.F(Stats.Percentile(reads, 0.5))} / {Stats.F(Stats.Percentile(reads, 0.99))} ms");
    }
}
