using Suanwang.Scheduling.Tokens;

namespace Suanwang.Scheduling.Tests.Tokens;

public class CircuitBreakerTests
{
    private static readonly DateTimeOffset T0 = Endpoints.T0;

    [Fact]
    public void Failures_BelowThreshold_StayClosed()
    {
        var b = new CircuitBreaker(3, TimeSpan.FromSeconds(10));
        b.OnFailure(T0);
        b.OnFailure(T0);
        Assert.Equal(BreakerState.Closed, b.StateAt(T0));
        Assert.True(b.CanSend(T0));
    }

    [Fact]
    public void Success_ResetsTheFailureCount()
    {
        var b = new CircuitBreaker(2, TimeSpan.FromSeconds(10));
        b.OnFailure(T0);
        b.OnSuccess();
        b.OnFailure(T0);
        Assert.Equal(BreakerState.Closed, b.StateAt(T0));
    }

    [Fact]
    public void ThresholdReached_Opens_UntilThePeriodPasses()
    {
        var b = new CircuitBreaker(2, TimeSpan.FromSeconds(10));
        b.OnFailure(T0);
        b.OnFailure(T0);
        Assert.Equal(BreakerState.Open, b.StateAt(T0.AddSeconds(9.9)));
        Assert.False(b.CanSend(T0.AddSeconds(9.9)));
        Assert.Equal(BreakerState.HalfOpen, b.StateAt(T0.AddSeconds(10)));
        Assert.True(b.CanSend(T0.AddSeconds(10)));
    }

    [Fact]
    public void HalfOpen_LetsOneProbeThrough()
    {
        var b = Opened();
        var t = T0.AddSeconds(11);
        b.OnSend(t);
        Assert.Equal(BreakerState.HalfOpen, b.StateAt(t));
        Assert.False(b.CanSend(t));
    }

    [Fact]
    public void ProbeSucceeds_Closes()
    {
        var b = Opened();
        b.OnSend(T0.AddSeconds(11));
        b.OnSuccess();
        Assert.Equal(BreakerState.Closed, b.StateAt(T0.AddSeconds(11)));
        Assert.True(b.CanSend(T0.AddSeconds(11)));
    }

    [Fact]
    public void ProbeFails_ReopensForAnotherPeriod()
    {
        var b = Opened();
        var t = T0.AddSeconds(11);
        b.OnSend(t);
        b.OnFailure(t);
        Assert.Equal(BreakerState.Open, b.StateAt(t.AddSeconds(9)));
        Assert.Equal(BreakerState.HalfOpen, b.StateAt(t.AddSeconds(10)));
    }

    private static CircuitBreaker Opened()
    {
        var b = new CircuitBreaker(2, TimeSpan.FromSeconds(10));
        b.OnFailure(T0);
        b.OnFailure(T0);
        return b;
    }
}
