using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Policy;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Jobs;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Policy;
using Suanwang.Storage.Tenants;
using Suanwang.Testing;

namespace Suanwang.Server.Tests.Scheduling;

/// <summary>The data law decides a placement again when it is committed, on the exporter's counter as it is then.</summary>
public sealed class SchedulerPassLawTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Two_jobs_admitted_on_an_empty_counter_that_together_reach_100_000_in_KZ_are_not_both_placed()
    {
        await using var data = await TestStore.OpenAsync();
        var store = data.Store;
        var at = TestServer.Start;
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, at), None);
        await store.RegisterSiteAsync("kz-a", Specs.Site("kz-a", jurisdiction: "KZ"), "local", at, None);
        var jobs = new List<JobRecord>();
        foreach (var id in new[] { "ds-a", "ds-b" })
        {
            var document = $$$"""{"id": "{{{id}}}", "jurisdiction": "CN", "classification": "general", "personal_information": {"individuals": 50000, "subjects": ["CN"]}}""";
            Assert.True(await store.AddDatasetAsync(new DatasetRecord(id, "acme", document, at), None));
            jobs.Add(await store.SubmitAsync(Specs.NewJob(Specs.Job("acme", name: id) + $"\nallowed_jurisdictions: KZ\ndatasets: [{id}]"), at, None));
        }

        var pass = Pass(store);
        var first = await pass.RunAsync(None);
        var decided = (await store.ListDecisionsAsync("acme", 0, 100, None)).Count;
        await pass.RunAsync(None);

        // Each was under 100,000 alone; the one committed second reaches it and needs a standard contract (CN-4).
        Assert.Equal(1, first.Started);
        var states = new List<JobState>();
        foreach (var job in jobs)
        {
            states.Add((await store.GetJobAsync(job.Id, None))!.State);
        }

        Assert.Equal([JobState.Placed, JobState.Queued], states);
        Assert.Equal(new ExportCounter(50_000, 0), await store.GetExportCounterAsync("acme", at.Year, None));
        var decisions = (await store.ListDecisionsAsync("acme", 0, 100, None)).Select(d => JsonDocument.Parse(d.Body).RootElement).ToList();
        Assert.Equal([("CN-5", true), ("CN-4", false)], decisions.Select(d => (d.GetProperty("rules")[0].GetString(), d.GetProperty("counted").GetBoolean())));

        // The denial is in the job's history and is not decided again on the next pass: the job waits, unschedulable.
        Assert.Equal(decided, decisions.Count);
        var events = await store.ListEventsAsync(jobs[1].Id, None);
        Assert.Contains(events, e => e.Kind == "denied" && e.Message.Contains("CN-4:", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == "unschedulable" && e.Message.Contains("denied by data law", StringComparison.Ordinal));
    }

    private static SchedulerPass Pass(IStore store)
    {
        var time = new ManualTimeProvider(TestServer.Start);
        var options = TestServer.Options(time);
        var dispatch = Options.Create(options.Dispatch);
        var live = new LiveScheduler(dispatch, new SiteDirectory(Options.Create(options.Market), options.Catalog, NullLogger<SiteDirectory>.Instance));
        var engine = RuleSetLoader.Load(Path.Combine(AppContext.BaseDirectory, "rules", "law"));
        var law = new DataLaw(engine, store, new StoreDecisionRecorder(store), time);
        return new SchedulerPass(store, live, dispatch, time, new ClusterSnapshot(), new LiveSchedulerGate(), law);
    }
}
