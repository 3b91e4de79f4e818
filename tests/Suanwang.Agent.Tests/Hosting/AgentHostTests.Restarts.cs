using Suanwang.Agent.Backends;
using Suanwang.Agent.Journal;
using Suanwang.Agent.Server;
using Suanwang.Agent.Tests.Fakes;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Tests.Hosting;

/// <summary>The agent restarted on its work folder: what its journal lets it take up, and what it refuses.</summary>
public sealed partial class AgentHostTests
{
    [Fact]
    public async Task AgentRestart_NeverStartsAJournaledFenceAgain_AndTakesUpTheRun()
    {
        var assignment = Job(1, fence: 9);
        await using (var first = NewHost())
        {
            _server.Offered.Add(assignment);
            await first.TickAsync(CancellationToken.None);
        }

        // The server lost the started report and offers the dispatch again to the new agent process.
        _server.Offered.Add(assignment);
        await using var second = NewHost();
        _time.Advance(2);
        await second.TickAsync(CancellationToken.None);

        Assert.Single(_backend.Started);
        Assert.Equal((1L, 9L, "1"), Assert.Single(_backend.Reattached));
        Assert.Equal([new RunningJob(1, 9)], second.Running);

        _backend.RunOf(1).Status = RunStatus.Exited(0);
        _time.Advance(1);
        await second.TickAsync(CancellationToken.None);
        Assert.Equal(0, _server.ReportsFor(1)[^1].ExitCode);
    }

    [Fact]
    public async Task AgentRestart_DeliversAnExitTheServerNeverGot()
    {
        await using (var first = NewHost())
        {
            _server.Offered.Add(Job(1));
            await first.TickAsync(CancellationToken.None);
            _server.Down = true;
            _backend.RunOf(1).Status = RunStatus.Exited(5);
            _time.Advance(1);
            await first.TickAsync(CancellationToken.None);
        }

        _server.Down = false;
        await using var second = NewHost();
        await second.TickAsync(CancellationToken.None);

        Assert.Empty(_backend.Reattached);
        var exited = _server.ReportsFor(1)[^1];
        Assert.Equal((ReportKind.Exited, 5), (exited.Kind, exited.ExitCode));
        Assert.Empty(second.Running);
    }

    [Fact]
    public async Task AgentRestart_ForgetsNothingButReportsNothingForClosedDispatches()
    {
        await using (var first = NewHost())
        {
            _server.Offered.Add(Job(1));
            await first.TickAsync(CancellationToken.None);
            _backend.RunOf(1).Status = RunStatus.Exited(0);
            _time.Advance(1);
            await first.TickAsync(CancellationToken.None);
        }

        var delivered = _server.Reports.Count();
        await using var second = NewHost();
        _time.Advance(1);
        await second.TickAsync(CancellationToken.None);

        Assert.Equal(delivered, _server.Reports.Count());
        Assert.Empty(_backend.Reattached);
    }

    [Fact]
    public async Task AgentRestart_BetweenJournalAndStart_ReportsThatTheRunNeverRan()
    {
        // The journal says "starting" and nothing more: the agent died before the backend answered.
        var assignment = Job(3, fence: 5);
        await using (var journal = await RunJournal.OpenAsync(_work.Path, CancellationToken.None))
        {
            await journal.AppendAsync(new JournalEntry(JournalEntry.Starting, 3, 5, _time.GetUtcNow(), Assignment: assignment), CancellationToken.None);
        }

        _server.Offered.Add(assignment);
        await using var host = NewHost();
        await host.TickAsync(CancellationToken.None);

        Assert.Empty(_backend.Started);
        Assert.Equal((3L, 5L, (string?)null), Assert.Single(_backend.Reattached));
        var notStarted = Assert.Single(_server.ReportsFor(3));
        Assert.Equal(ReportKind.NotStarted, notStarted.Kind);
        Assert.Contains("never ran", notStarted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentRestart_WhileAStaleRunWasDying_KillsItAgainAndReportsNothing()
    {
        await using (var first = NewHost())
        {
            _server.Offered.Add(Job(1, fence: 2));
            await first.TickAsync(CancellationToken.None);
            _backend.RunOf(1).Stubborn = true;
            _server.StaleFences.Add((1, 2));
            _backend.RunOf(1).Write("x\n");
            _time.Advance(1);
            await first.TickAsync(CancellationToken.None);
            Assert.Single(_backend.RunOf(1).Stops);
        }

        var delivered = _server.Reports.Count();
        await using var second = NewHost();
        await second.TickAsync(CancellationToken.None);
        _backend.RunOf(1).Status = RunStatus.Killed("killed");
        _time.Advance(5);
        await second.TickAsync(CancellationToken.None);

        Assert.Equal(2, _backend.RunOf(1).Stops.Count);
        Assert.Equal(delivered, _server.Reports.Count());
        Assert.Empty(second.Running);
        Assert.Empty(_server.Heartbeats[^1].Running);
    }

    [Fact]
    public async Task BackendRefusal_IsReportedAsAnExitWithTheReason()
    {
        await using var host = NewHost();
        _backend.Refuse = "sbatch: error: Invalid generic resource (gres) specification";
        _server.Offered.Add(Job(1));

        await host.TickAsync(CancellationToken.None);

        var exited = Assert.Single(_server.ReportsFor(1));
        Assert.Equal(ReportKind.Exited, exited.Kind);
        Assert.Null(exited.ExitCode);
        Assert.Equal(0, exited.AcceleratorSeconds);
        Assert.Equal("could not start: sbatch: error: Invalid generic resource (gres) specification", exited.Reason);
        Assert.Empty(host.Running);
    }

    [Fact]
    public async Task SecondAgentOnTheSameWorkFolder_IsRefused()
    {
        await using var first = NewHost();
        await first.TickAsync(CancellationToken.None);
        await using var second = NewHost();

        var error = await Assert.ThrowsAsync<IOException>(() => second.TickAsync(CancellationToken.None));

        Assert.Contains("another agent", error.Message, StringComparison.Ordinal);
    }
}
