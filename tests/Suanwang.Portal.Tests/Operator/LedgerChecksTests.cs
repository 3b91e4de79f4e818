using Suanwang.Portal.Operator;
using Suanwang.Storage.Market;
using Suanwang.Testing;

namespace Suanwang.Portal.Tests.Operator;

/// <summary>The portal's ledger checks: one at a time, the last result kept with its time.</summary>
public sealed class LedgerChecksTests
{
    [Fact]
    public async Task AskingWhileACheckRuns_JoinsIt_AndTheNextAskRunsANewOne()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var calls = 0;
        var release = new TaskCompletionSource<LedgerCheck>(TaskCreationOptions.RunContinuationsAsynchronously);
        var checks = new LedgerChecks(_ =>
        {
            Interlocked.Increment(ref calls);
            return release.Task;
        }, time);
        Assert.Null(checks.Last);
        Assert.False(checks.Running);

        var first = checks.RunAsync();
        var second = checks.RunAsync();
        Assert.Same(first, second);
        Assert.True(checks.Running);
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 1, "the check started");
        time.Advance(TimeSpan.FromSeconds(3));
        release.SetResult(new LedgerCheck(true, 10, 20, []));
        var run = await first;

        Assert.Equal(1, calls);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), run.At);
        Assert.Equal(TimeSpan.FromSeconds(3), run.Took);
        Assert.Same(run, checks.Last);
        Assert.False(checks.Running);

        release = new TaskCompletionSource<LedgerCheck>(TaskCreationOptions.RunContinuationsAsynchronously);
        release.SetResult(new LedgerCheck(false, 11, 22, ["posting 11 does not balance"]));
        var again = await checks.RunAsync();
        Assert.Equal(2, calls);
        Assert.False(again.Check.Balanced);
        Assert.Same(again, checks.Last);
    }

    [Fact]
    public async Task ACheckThatFails_KeepsNoResult_AndTheNextAskRunsAgain()
    {
        var calls = 0;
        var checks = new LedgerChecks(_ =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromException<LedgerCheck>(new TimeoutException("store down"));
        }, TimeProvider.System);

        await Assert.ThrowsAsync<TimeoutException>(checks.RunAsync);
        Assert.Null(checks.Last);
        Assert.False(checks.Running);
        await Assert.ThrowsAsync<TimeoutException>(checks.RunAsync);
        Assert.Equal(2, calls);
    }
}
