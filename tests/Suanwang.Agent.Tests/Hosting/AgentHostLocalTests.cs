using Suanwang.Agent.Backends;
using Suanwang.Agent.Tests.Fakes;
using Suanwang.Protocol.Agents;
using Suanwang.Testing;

namespace Suanwang.Agent.Tests.Hosting;

/// <summary>The agent loop over real local processes.</summary>
public sealed class AgentHostLocalTests : IDisposable
{
    private readonly TempFolder _work = new();

    public void Dispose() => _work.Dispose();

    private static async Task<RunReport> TickUntilExitedAsync(AgentHost host, FakeServer server, long job) =>
        await Eventually.ResultAsync(
            async () =>
            {
                await host.TickAsync(CancellationToken.None);
                return server.ReportsFor(job).FirstOrDefault(r => r.Kind == ReportKind.Exited);
            },
            $"job {job} to be reported exited");

    [Fact]
    public async Task Job_IsReportedStartedThenItsOutputThenItsExit()
    {
        var server = new FakeServer();
        server.Offered.Add(new Assignment(1, 1, "hello", "echo hello; echo world >&2; exit 3", 1, 2, "0,1", null));
        await using var host = new AgentHost(server, new LocalBackend(TimeProvider.System), "id: cn-test-1\n", _work.Path, TimeProvider.System);

        var exited = await TickUntilExitedAsync(host, server, 1);

        var reports = server.ReportsFor(1);
        Assert.Equal(ReportKind.Started, reports[0].Kind);
        Assert.Equal("hello\nworld\n", string.Concat(reports.Where(r => r.Kind == ReportKind.Log).Select(r => r.Text)));
        Assert.Equal(0L, reports.First(r => r.Kind == ReportKind.Log).Offset);
        Assert.Equal(3, exited.ExitCode);
        Assert.True(exited.AcceleratorSeconds >= 0);
        Assert.Same(exited, reports[^1]);
    }

    [Fact]
    public async Task RestartedAgent_TakesUpAJobThatOutlivedThePreviousOne()
    {
        var server = new FakeServer();
        var assignment = new Assignment(2, 7, "long", "echo before; read line < fifo; echo after; exit 4", 1, 1, "0", null);
        var folder = Path.Combine(_work.Path, "jobs", "2-7");
        Directory.CreateDirectory(folder);
        Assert.Equal(0, (await Processes.ExternalCommand.RunAsync("mkfifo", [Path.Combine(folder, "fifo")], TimeSpan.FromSeconds(5), CancellationToken.None)).ExitCode);
        server.Offered.Add(assignment);
        await using (var first = new AgentHost(server, new LocalBackend(TimeProvider.System), "id: cn-test-1\n", _work.Path, TimeProvider.System))
        {
            await first.TickAsync(CancellationToken.None);
        }

        // The job is still blocked on the fifo; a new agent process takes over, then the job finishes.
        server.Offered.Add(assignment);
        await using var second = new AgentHost(server, new LocalBackend(TimeProvider.System), "id: cn-test-1\n", _work.Path, TimeProvider.System);
        await second.TickAsync(CancellationToken.None);
        Assert.Equal([new RunningJob(2, 7)], second.Running);
        await File.WriteAllTextAsync(Path.Combine(folder, "fifo"), "go\n");

        var exited = await TickUntilExitedAsync(second, server, 2);

        Assert.Equal(4, exited.ExitCode);
        Assert.Equal(1, server.ReportsFor(2).Count(r => r.Kind == ReportKind.Exited));
        Assert.Contains("after\n", string.Concat(server.ReportsFor(2).Where(r => r.Kind == ReportKind.Log).Select(r => r.Text)), StringComparison.Ordinal);
    }
}
