using Suanwang.Core.Jobs;
using Suanwang.Protocol.Agents;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Tests.Jobs;

/// <summary>The server over the real SQLite store: each change is recorded once, by the store or by the server, never by both.</summary>
public sealed class SqliteEventHistoryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "suanwang-server-tests", Guid.NewGuid().ToString("N"));

    public SqliteEventHistoryTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task SubmitPlaceStartExit_RecordsEachEventOnce()
    {
        await using var store = StoreFactory.Open(null, _folder);
        await using var server = await TestServer.StartAsync(store);
        var epoch = (await server.RegisterAsync(Specs.Site("cn-a"))).Epoch;
        using var acme = await server.TenantAsync("acme");

        var id = await TestServer.SubmitOkAsync(acme, Specs.Job("acme"));
        var job = await server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        var assignment = await AssignedAsync(server, "cn-a", epoch);
        var at = server.Time.GetUtcNow();
        var started = await server.ReportAsync("cn-a", epoch, new RunReport(id, job.Fence, ReportKind.Started, at));
        var exited = await server.ReportAsync("cn-a", epoch, new RunReport(id, job.Fence, ReportKind.Exited, at, ExitCode: 0, AcceleratorSeconds: 20));

        Assert.Equal((id, job.Fence), (assignment.Job, assignment.Fence));
        Assert.Equal([new ReportResult(id, true, false)], started.Results);
        Assert.Equal([new ReportResult(id, true, false)], exited.Results);
        Assert.Equal(JobState.Succeeded, (await store.GetJobAsync(id, CancellationToken.None))!.State);
        var events = await store.ListEventsAsync(id, CancellationToken.None);
        Assert.Equal(["submitted", "placed", "dispatched", "started", "exited"], events.Select(e => e.Kind));
        Assert.Equal(
            [
                "submitted by acme",
                JobMessages.Placed(new Placement(id, "cn-a", job.Pool!.Value, job.Nodes!, job.CardsPerNode, job.Devices!, 0m, "CNY", false)),
                $"dispatched to site cn-a pool {job.Pool} nodes {string.Join(',', job.Nodes!)} devices {assignment.Devices} (fence {job.Fence})",
                "started on site cn-a",
                "exited with code 0",
            ],
            events.Select(e => e.Message));
    }

    // The heartbeat hands the job out once the scheduler has recorded its devices.
    private static async Task<Assignment> AssignedAsync(TestServer server, string site, long epoch)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if ((await server.HeartbeatOkAsync(site, epoch)).Assignments is [var assignment])
            {
                return assignment;
            }

            await Task.Delay(5, timeout.Token);
        }
    }
}
