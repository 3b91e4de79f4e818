using System.Text;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Policy;
using Suanwang.Storage.Tenants;

namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="IPolicyStore"/> must do.</summary>
public abstract class PolicyStoreContract(IStoreDatabases databases) : StoreContract(databases)
{
    [Fact]
    public async Task Dataset_IsAddedOnceForAKnownOwner()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);
        var ds = new DatasetRecord("ds-1", "acme", "{\"classification\":\"general\"}", T0);

        Assert.True(await store.AddDatasetAsync(ds, None));
        Assert.False(await store.AddDatasetAsync(ds with { Document = "{}" }, None));
        Assert.False(await store.AddDatasetAsync(ds with { Id = "ds-2", Owner = "nobody" }, None));
        Assert.Equal(ds, await store.GetDatasetAsync("ds-1", None));
        Assert.Null(await store.GetDatasetAsync("ds-2", None));
        Assert.Equal(["ds-1"], (await store.ListDatasetsAsync("acme", None)).Select(d => d.Id));
        Assert.Empty(await store.ListDatasetsAsync("zeta", None));
    }

    [Fact]
    public async Task Filings_AreKeptPerTenant()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);
        var assessment = new FilingRecord(0, "acme", "security_assessment", "CAC-2026-17", new DateOnly(2026, 3, 1), new DateOnly(2029, 2, 28), T0);

        var stored = await store.AddFilingAsync(assessment, None);
        var notice = await store.AddFilingAsync(assessment with { Kind = "ru_notice", ExpiresOn = null }, None);
        var scc = await store.AddFilingAsync(assessment with { Kind = "scc", Countries = ["KZ", "SA"] }, None);

        Assert.NotNull(stored);
        Assert.True(stored.Id > 0);
        Assert.Null(await store.AddFilingAsync(assessment with { Tenant = "nobody" }, None));
        var listed = await store.ListFilingsAsync("acme", None);
        Assert.Equal([stored, notice!, scc!], listed);

        // No countries covers any country; a list covers only the countries it names.
        Assert.Null(listed[0].Countries);
        Assert.Equal(["KZ", "SA"], listed[2].Countries);
        Assert.Equal((true, true, false), (listed[0].Covers("US"), listed[2].Covers("KZ"), listed[2].Covers("US")));
    }

    [Fact]
    public async Task A_counting_decision_adds_to_the_counter_only_when_the_counter_did_not_move()
    {
        var store = await OpenAsync();
        var year = 2026;
        var zero = new ExportCounter(0, 0);
        Assert.Equal(zero, await store.GetExportCounterAsync("acme", year, None));

        var first = new DecisionRecord(0, T0, "acme", "transfer", "allow", year, 60_000, 10, "{\"a\":1}");
        Assert.True(await store.AddDecisionAsync(first, zero, None));
        Assert.Equal(new ExportCounter(60_000, 10), await store.GetExportCounterAsync("acme", year, None));

        // Decided on the old counter: refused, and nothing is written.
        Assert.False(await store.AddDecisionAsync(first with { Body = "{\"a\":2}" }, zero, None));
        Assert.Equal(new ExportCounter(60_000, 10), await store.GetExportCounterAsync("acme", year, None));

        Assert.True(await store.AddDecisionAsync(first with { Body = "{\"a\":3}" }, new ExportCounter(60_000, 10), None));
        Assert.Equal(new ExportCounter(120_000, 20), await store.GetExportCounterAsync("acme", year, None));

        // A denial or a what-if counts nothing; another year has its own counter.
        Assert.True(await store.AddDecisionAsync(first with { Outcome = "deny", CountedIndividuals = 0, CountedSensitive = 0, Body = "{\"a\":4}" }, null, None));
        Assert.Equal(new ExportCounter(120_000, 20), await store.GetExportCounterAsync("acme", year, None));
        Assert.Equal(zero, await store.GetExportCounterAsync("acme", year + 1, None));

        var all = await store.ListDecisionsAsync("acme", 0, 10, None);
        Assert.Equal(["{\"a\":1}", "{\"a\":3}", "{\"a\":4}"], all.Select(d => d.Body));
        Assert.Equal(T0, all[0].At);
        Assert.Single(await store.ListDecisionsAsync(null, all[1].Id, 10, None));
        Assert.Empty(await store.ListDecisionsAsync("zeta", 0, 10, None));
    }

    [Fact]
    public async Task A_placement_counts_its_exports_in_its_own_transaction_once_per_job_dataset_and_country()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);
        var job = await store.SubmitAsync(Job(), T0, None);
        var decision = new DecisionRecord(0, T0, "acme", "placement", "allow", 2026, 60_000, 5, "{\"p\":1}");
        var placement = PlacementOf(job.Id, "kz-1") with { Exports = [new PlacementExport("ds-cn", "KZ", decision)], CounterBefore = new ExportCounter(0, 0) };

        // Another export counted after the placement's decision was made: neither the placement nor its count is written.
        Assert.True(await store.AddDecisionAsync(decision with { Kind = "transfer", CountedIndividuals = 1_000, CountedSensitive = 0, Body = "{\"t\":1}" }, new ExportCounter(0, 0), None));
        Assert.False(await store.PlaceAsync(placement, job.Fence, T0, None));
        Assert.Equal(JobState.Queued, (await store.GetJobAsync(job.Id, None))!.State);
        Assert.Empty(await store.ListJobExportsAsync(job.Id, None));
        Assert.Equal(new ExportCounter(1_000, 0), await store.GetExportCounterAsync("acme", 2026, None));

        // Decided on the counter as it is: placed and counted together, and the decision is in the log.
        placement = placement with { CounterBefore = new ExportCounter(1_000, 0) };
        Assert.True(await store.PlaceAsync(placement, job.Fence, T0, None));
        Assert.Equal(new ExportCounter(61_000, 5), await store.GetExportCounterAsync("acme", 2026, None));
        Assert.Equal([new JobExport(job.Id, "ds-cn", "KZ")], await store.ListJobExportsAsync(job.Id, None));
        await store.IntegrateAuditAsync(100, static (_, _) => "note", T0, None);
        var entries = await store.GetAuditEntriesAsync(0, 10, None);
        Assert.Contains(entries, e => e.Kind == "decision" && Encoding.UTF8.GetString(e.Bytes) == "{\"p\":1}");

        // Requeued and placed in KZ again: the export was counted, nothing is added or recorded twice.
        var placed = (await store.GetJobAsync(job.Id, None))!;
        Assert.True(await store.RequeueAsync(job.Id, placed.Fence, 10, "site failed", T0, None));
        var waiting = (await store.GetJobAsync(job.Id, None))!;
        var rerun = placement with { CounterBefore = new ExportCounter(61_000, 5), Exports = [new PlacementExport("ds-cn", "KZ", decision with { Body = "{\"p\":2}" })] };
        Assert.True(await store.PlaceAsync(rerun, waiting.Fence, T0, None));
        Assert.Equal(new ExportCounter(61_000, 5), await store.GetExportCounterAsync("acme", 2026, None));

        // A placement of a job that moved on (a stale fence) counts nothing.
        var stale = rerun with { Exports = [new PlacementExport("ds-cn", "SA", decision with { Body = "{\"p\":3}" })] };
        Assert.False(await store.PlaceAsync(stale, waiting.Fence, T0, None));
        Assert.Equal(new ExportCounter(61_000, 5), await store.GetExportCounterAsync("acme", 2026, None));
        Assert.Equal(["{\"t\":1}", "{\"p\":1}"], (await store.ListDecisionsAsync("acme", 0, 10, None)).Select(d => d.Body));
    }
}
