using Suanwang.Agent.Backends;
using Suanwang.Agent.Tests.Fakes;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Tests.Hosting;

/// <summary>A job whose start, watch or take-up throws fails with a reason; the agent and its other jobs go on.</summary>
public sealed partial class AgentHostTests
{
    [Fact]
    public async Task StartThatThrows_FailsThatJobWithTheReason_AndTheNextJobRuns()
    {
        await using var host = NewHost();
        _backend.StartFault = new OverflowException("TimeSpan overflowed because the duration is too long.");
        _server.Offered.Add(Job(1));
        _server.Offered.Add(Job(2));

        await host.TickAsync(CancellationToken.None);

        var failed = Assert.Single(_server.ReportsFor(1));
        Assert.Equal((ReportKind.Exited, null), (failed.Kind, failed.ExitCode));
        Assert.Equal("could not start: TimeSpan overflowed because the duration is too long.", failed.Reason);
        Assert.Equal(ReportKind.Started, Assert.Single(_server.ReportsFor(2)).Kind);
        Assert.Equal([new RunningJob(2, 1)], host.Running);
    }

    [Fact]
    public async Task PollThatThrows_FailsThatJobAndStopsIt_AndTheOtherJobGoesOn()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        _server.Offered.Add(Job(2));
        await host.TickAsync(CancellationToken.None);
        _backend.RunOf(1).PollFault = new InvalidOperationException("the run's state is unreadable");
        _backend.RunOf(2).Status = RunStatus.Exited(0);

        _time.Advance(1);
        await host.TickAsync(CancellationToken.None);

        var failed = _server.ReportsFor(1)[^1];
        Assert.Equal((ReportKind.Exited, null), (failed.Kind, failed.ExitCode));
        Assert.Equal("the agent could not watch the run: the run's state is unreadable", failed.Reason);
        Assert.Equal([failed.Reason!], _backend.RunOf(1).Stops);
        Assert.Equal(0, _server.ReportsFor(2)[^1].ExitCode);
        Assert.Empty(host.Running);
    }

    [Fact]
    public async Task HugeTimeLimit_FailsThatJobBeforeAnythingRuns_AndTheAgentGoesOn()
    {
        var backend = new LocalBackend(_time);
        var assignment = new Assignment(1, 1, "forever", "touch ran", 1, 1, "0", 9.2233720368547758E+18);
        _server.Offered.Add(assignment);
        await using var host = new AgentHost(_server, backend, SiteYaml, _work.Path, _time, TimeSpan.FromSeconds(5));

        await host.TickAsync(CancellationToken.None);

        var failed = Assert.Single(_server.ReportsFor(1));
        Assert.Equal(ReportKind.Exited, failed.Kind);
        Assert.StartsWith("could not start: time limit of ", failed.Reason, StringComparison.Ordinal);
        Assert.EndsWith(" s is past the most allowed, 31536000 s", failed.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_work.Path, "jobs", "1-1", "pid")), "a process was spawned");
        Assert.Empty(host.Running);
    }

    [Fact]
    public async Task AgentRestart_WhenTakingUpARunThrows_FailsThatJobAndCarriesOn()
    {
        await using (var first = NewHost())
        {
            _server.Offered.Add(Job(1));
            await first.TickAsync(CancellationToken.None);
        }

        _backend.ReattachFault = new OverflowException("TimeSpan overflowed because the duration is too long.");
        _server.Offered.Add(Job(2));
        await using (var second = NewHost())
        {
            _time.Advance(1);
            await second.TickAsync(CancellationToken.None);

            var failed = _server.ReportsFor(1)[^1];
            Assert.Equal((ReportKind.Exited, null), (failed.Kind, failed.ExitCode));
            Assert.Equal("the agent could not take the run up again after a restart: TimeSpan overflowed because the duration is too long.", failed.Reason);
            Assert.Equal([new RunningJob(2, 1)], second.Running);
        }

        // A third agent process finds the failure journaled and does not try again.
        _backend.ReattachFault = null;
        await using var third = NewHost();
        _time.Advance(1);
        await third.TickAsync(CancellationToken.None);
        Assert.Equal(1, _backend.Reattached.Count(r => r.Job == 1));
        Assert.Equal([new RunningJob(2, 1)], third.Running);
    }
}
