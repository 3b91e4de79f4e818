using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Jobs;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Jobs;
using Suanwang.Testing;
using Xunit.Abstractions;

namespace Suanwang.Server.Tests.Scheduling;

/// <summary>
/// The figure: a scheduler pass over 10,000 queued jobs and 100 sites. Prints p50/p99;
/// asserts only what the passes did (tests never assert on wall-clock speed).
/// </summary>
public sealed class SchedulerPassTimingTests(ITestOutputHelper output)
{
    private static readonly string[] s_models = ["Ascend-910B", "A100-80GB", "H20"];

    [Theory]
    [InlineData("priority")]
    [InlineData("priority-backfill")]
    public async Task Pass_Over10000QueuedJobsAnd100Sites_KeepsPlacingAsJobsEnd(string policy)
    {
        var time = new ManualTimeProvider(TestServer.Start);
        await using var data = await TestStore.OpenAsync();
        var store = data.Store;
        var options = TestServer.Options(time) with { Dispatch = new DispatchOptions { QueuePolicy = policy } };
        var at = time.GetUtcNow();
        for (var s = 0; s < 100; s++)
        {
            var id = $"cn-site-{s:000}";
            await store.RegisterSiteAsync(id, Specs.Site(id, s_models[s % 3], cardsPerNode: 8, nodes: 8, price: 5 + s % 7), "local", at, CancellationToken.None);
        }

        // All queued at once: the store commits them in groups, in the order given.
        var submits = new List<Task>(10_000);
        for (var j = 0; j < 10_000; j++)
        {
            var spec = Specs.Job("acme", name: $"j{j}", model: s_models[j % 3], cards: j % 4 == 0 ? 8 : 4);
            submits.Add(store.SubmitAsync(Specs.NewJob(spec, priority: j % 5), at, CancellationToken.None));
        }

        await Task.WhenAll(submits);

        var dispatch = Options.Create(options.Dispatch);
        var live = new LiveScheduler(dispatch, new SiteDirectory(Options.Create(options.Market), options.Catalog, NullLogger<SiteDirectory>.Instance));
        var pass = new SchedulerPass(store, live, dispatch, time, new ClusterSnapshot(), new LiveSchedulerGate());
        var cold = await pass.RunAsync(CancellationToken.None);
        output.WriteLine($"{policy}: first pass (parse and compile 10,000 specs, place {cold.Started}): {Ms(cold.Total)} ms, in memory {Ms(cold.Compute)} ms");

        var totals = new List<double>();
        var computes = new List<double>();
        var started = 0;
        var collected = 0;
        for (var i = 0; i < 300; i++)
        {
            // Five jobs end between passes, so every pass has cards to fill.
            foreach (var job in await store.ListJobsAsync(new JobQuery(State: JobState.Placed, Limit: 5), CancellationToken.None))
            {
                await store.FinishAsync(job.Id, job.Fence, JobState.Succeeded, 0, 0, null, at, CancellationToken.None);
            }

            time.Advance(TimeSpan.FromSeconds(1));
            var gcs = GC.CollectionCount(0);
            var stats = await pass.RunAsync(CancellationToken.None);
            collected += GC.CollectionCount(0) - gcs > 0 ? 1 : 0;
            started += stats.Started;
            totals.Add(Ms(stats.Total));
            computes.Add(Ms(stats.Compute));
        }

        output.WriteLine($"{policy}: steady passes over ~{live.Waiting} waiting, {live.Running} running on 100 sites (300 passes): " +
            $"total p50 {Percentile(totals, 0.5)} ms, p99 {Percentile(totals, 0.99)} ms, max {totals.Max():0.00} ms; " +
            $"in memory p50 {Percentile(computes, 0.5)} ms, p99 {Percentile(computes, 0.99)} ms; {collected} passes saw a collection");
        Assert.True(cold.Started >= 500);
        Assert.True(started > 0);
        Assert.True(live.Waiting > 5_000);
    }

    private static double Ms(TimeSpan span) => Math.Round(span.TotalMilliseconds, 2);

    private static string Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
    }
}
