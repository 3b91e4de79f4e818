using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task Migrate_FromVersionThree_GivesEveryJobItsDocumentNodesAndDevices()
    {
        var store = Track(await CreateStoreAsync());
        await BuildSchemaAsync(store.Dialect, 3);
        // Jobs in every state, written as the version-3 stores wrote them: the spec as text, nodes
        // comma-separated, devices only in "dispatched" (or, before that, "placed") events.
        await ExecuteSqlAsync(
            "INSERT INTO jobs (tenant, name, spec, state, priority, site, pool, nodes, cards_per_node, fence, submitted_at, started_at, ended_at, exit_code, reason) VALUES " +
            $"('acme', 'queued', '{Spec("queued")}', 'queued', 3, NULL, NULL, NULL, 0, 0, '2026-05-01T08:00:00.000000Z', NULL, NULL, NULL, NULL), " +
            $"('acme', 'placed', '{Spec("placed")}', 'placed', 3, 'cn-sh-1', 0, '0,1', 2, 1, '2026-05-01T08:00:00.000000Z', NULL, NULL, NULL, NULL), " +
            $"('acme', 'running', '{Spec("running")}', 'running', 3, 'cn-sh-1', 1, '3', 4, 2, '2026-05-01T08:00:00.000000Z', '2026-05-01T08:00:05.000000Z', NULL, NULL, NULL), " +
            $"('acme', 'succeeded', '{Spec("succeeded")}', 'succeeded', 3, 'cn-sh-1', 0, '0', 2, 1, '2026-05-01T08:00:00.000000Z', '2026-05-01T08:00:05.000000Z', '2026-05-01T08:10:00.000000Z', 0, NULL), " +
            $"('acme', 'failed', '{Spec("failed")}', 'failed', 3, 'cn-sh-1', 0, '1', 2, 1, '2026-05-01T08:00:00.000000Z', '2026-05-01T08:00:05.000000Z', '2026-05-01T08:10:00.000000Z', 3, 'exited with code 3'), " +
            $"('acme', 'cancelled', '{Spec("cancelled")}', 'cancelled', 3, 'cn-sh-1', 0, '0,1', 2, 1, '2026-05-01T08:00:00.000000Z', NULL, '2026-05-01T08:10:00.000000Z', NULL, 'cancelled by acme'), " +
            $"('acme', 'preempted', '{Spec("preempted")}', 'preempted', 3, NULL, NULL, NULL, 0, 1, '2026-05-01T08:00:00.000000Z', NULL, NULL, NULL, 'site down'), " +
            "('acme', 'broken-queued', 'name: broken-queued', 'queued', 1, NULL, NULL, NULL, 0, 0, '2026-05-01T08:00:00.000000Z', NULL, NULL, NULL, NULL), " +
            "('acme', 'broken-running', 'name: broken-running', 'running', 1, 'cn-sh-1', 0, '2', 2, 1, '2026-05-01T08:00:00.000000Z', '2026-05-01T08:00:05.000000Z', NULL, NULL, NULL), " +
            "('acme', 'broken-done', 'name: broken-done', 'succeeded', 1, 'cn-sh-1', 0, '2', 2, 1, '2026-05-01T08:00:00.000000Z', '2026-05-01T08:00:05.000000Z', '2026-05-01T08:10:00.000000Z', 0, NULL)");
        await ExecuteSqlAsync(
            "INSERT INTO job_events (job_id, at, kind, message) VALUES " +
            "(2, '2026-05-01T08:00:01.000000Z', 'placed', 'placed on site cn-sh-1, pool 0, nodes 0,1, 2 cards per node'), " +
            "(2, '2026-05-01T08:00:01.000000Z', 'dispatched', 'dispatched to site cn-sh-1 pool 0 nodes 0,1 devices 0,1;2,3 (fence 1)'), " +
            "(3, '2026-05-01T08:00:01.000000Z', 'dispatched', 'dispatched to site cn-sh-1 pool 1 nodes 3 devices 0,1,2,3 (fence 1)'), " +
            "(3, '2026-05-01T08:00:02.000000Z', 'placed', 'placed on site cn-sh-1 pool 1 nodes 3 devices 4,5,6,7 (fence 2)'), " +
            "(3, '2026-05-01T08:00:03.000000Z', 'dispatched', 'dispatched to site cn-sh-1 pool 1 nodes 3 devices 1,1,1,1 (fence 1)'), " +
            "(4, '2026-05-01T08:00:01.000000Z', 'dispatched', 'dispatched to site cn-sh-1 pool 0 nodes 0 devices 0,1 (fence 1)')");

        await store.MigrateAsync(None);

        var jobs = (await store.ListJobsAsync(new JobQuery(Limit: 100), None)).OrderBy(j => j.Id).ToList();
        Assert.Equal(
            ["queued", "placed", "running", "succeeded", "failed", "cancelled", "preempted", "broken-queued", "broken-running", "broken-done"],
            jobs.Select(j => j.Name));
        Assert.Equal(
            [JobState.Queued, JobState.Placed, JobState.Running, JobState.Succeeded, JobState.Failed, JobState.Cancelled, JobState.Preempted, JobState.Cancelled, JobState.Failed, JobState.Succeeded],
            jobs.Select(j => j.State));
        for (var i = 0; i < 7; i++)
        {
            var expected = JobSpecReader.Parse(Spec(jobs[i].Name), "test", AcceleratorCatalog.Default);
            Assert.Equal(expected, jobs[i].Spec);
            Assert.Equal(Spec(jobs[i].Name), jobs[i].SpecText);
        }

        Assert.Equal([null, [0, 1], [3], [0], [1], [0, 1], null], jobs.Take(7).Select(j => j.Nodes?.ToArray()));
        Assert.Equal([0, 1, 2, 3], jobs[1].Devices);
        Assert.Equal([4, 5, 6, 7], jobs[2].Devices);
        Assert.All(jobs.Where(j => j.Id is not (2 or 3)), j => Assert.Null(j.Devices));
        Assert.Equal(("exited with code 3", 3), (jobs[4].Reason, jobs[4].ExitCode));
        Assert.Equal(T0.AddSeconds(5), jobs[2].StartedAt);

        // A spec that no longer parses keeps the row's own name, tenant and priority; a job not yet
        // done is ended with the reason, one that ended stays as it was.
        Assert.All(jobs.Skip(7), j => Assert.Equal((j.Name, "acme", 1), (j.Spec.Name, j.Spec.Tenant, j.Spec.Priority)));
        Assert.Contains("could not be read when the database was upgraded", jobs[7].Reason, StringComparison.Ordinal);
        Assert.Contains("could not be read when the database was upgraded", jobs[8].Reason, StringComparison.Ordinal);
        Assert.Equal([2], jobs[8].Nodes);
        Assert.Null(jobs[9].Reason);
        Assert.Equal("cancelled", (await store.ListEventsAsync(jobs[7].Id, None))[^1].Kind);
        Assert.Equal("failed", (await store.ListEventsAsync(jobs[8].Id, None))[^1].Kind);

        // The migrated jobs go on through the store as any other.
        Assert.Equal([1, 2, 3, 7], (await store.ListActiveJobsAsync(None)).Select(j => j.Id));
        Assert.True(await store.MarkRunningAsync(2, 1, T0.AddMinutes(1), None));
        Assert.True(await store.FinishAsync(3, 2, JobState.Succeeded, 0, 40, null, T0.AddMinutes(1), None));
        Assert.Equal(4, Assert.Single(await store.ListUsageAsync(3, None)).Cards);
        Assert.True(await store.PlaceAsync(PlacementOf(7), 1, T0.AddMinutes(1), None));
        Assert.Equal(DevicesOf(2, 8), (await store.GetJobAsync(7, None))!.Devices);
        var fresh = await store.SubmitAsync(Job(), T0, None);
        Assert.Equal(11, fresh.Id);

        // Once only: migrating again changes nothing.
        await store.MigrateAsync(None);
        Assert.Equal(jobs[8], await store.GetJobAsync(9, None));
    }

    [Fact]
    public async Task RecordDevices_OnlyForAHeldJobOfThatFenceWithoutDevices()
    {
        var store = Track(await CreateStoreAsync());
        await BuildSchemaAsync(store.Dialect, 3);
        await ExecuteSqlAsync(
            "INSERT INTO jobs (tenant, name, spec, state, priority, site, pool, nodes, cards_per_node, fence, submitted_at) VALUES " +
            $"('acme', 'placed', '{Spec("placed")}', 'placed', 3, 'cn-sh-1', 0, '0,1', 2, 1, '2026-05-01T08:00:00.000000Z')");
        await store.MigrateAsync(None);
        Assert.Null((await store.GetJobAsync(1, None))!.Devices);

        Assert.False(await store.RecordDevicesAsync(1, 2, [0, 1, 0, 1], None));
        Assert.True(await store.RecordDevicesAsync(1, 1, [0, 1, 2, 3], None));
        Assert.False(await store.RecordDevicesAsync(1, 1, [4, 5, 6, 7], None));

        Assert.Equal([0, 1, 2, 3], (await store.GetJobAsync(1, None))!.Devices);
        var queued = await store.SubmitAsync(Job(), T0, None);
        Assert.False(await store.RecordDevicesAsync(queued.Id, 0, [0], None));
        Assert.Null((await store.GetJobAsync(queued.Id, None))!.Devices);
    }

    private static string Spec(string name) => $"name: {name}\ntenant: acme\npriority: 3\nresources:\n  accelerators: H100-SXM:2\nestimated_runtime: 1h\n";

    // Creates the schema of an older store, migrations 1 to <paramref name="version"/>, with no rows
    // (3: before documents and devices were columns; 4: before keys had roles).
    private async Task BuildSchemaAsync(string dialect, int version)
    {
        var sqlite = dialect == "sqlite";
        await ExecuteSqlAsync(sqlite
            ? "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT"
            : "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        foreach (var migration in Migrations.MigrationScripts.For(dialect).Where(m => m.Version <= version))
        {
            await ExecuteSqlAsync(migration.Sql);
            await ExecuteSqlAsync(sqlite
                ? $"INSERT INTO schema_migrations VALUES ({migration.Version}, '{migration.Name}', '2026-05-01T08:00:00.000000Z')"
                : $"INSERT INTO schema_migrations (version, name) VALUES ({migration.Version}, '{migration.Name}')");
        }
    }
}
