using Suanwang.Core.Jobs;

namespace Suanwang.Core.Tests.Jobs;

public sealed class JobLifecycleTests
{
    // Every allowed move, written out independently of the table under test.
    private static readonly (JobState From, JobTrigger Trigger, JobState To)[] s_allowed =
    [
        (JobState.Queued, JobTrigger.Place, JobState.Placed),
        (JobState.Preempted, JobTrigger.Place, JobState.Placed),
        (JobState.Placed, JobTrigger.Start, JobState.Running),
        (JobState.Placed, JobTrigger.Succeed, JobState.Succeeded),
        (JobState.Running, JobTrigger.Succeed, JobState.Succeeded),
        (JobState.Placed, JobTrigger.Fail, JobState.Failed),
        (JobState.Running, JobTrigger.Fail, JobState.Failed),
        (JobState.Placed, JobTrigger.Preempt, JobState.Preempted),
        (JobState.Running, JobTrigger.Preempt, JobState.Preempted),
        (JobState.Queued, JobTrigger.Cancel, JobState.Cancelled),
        (JobState.Placed, JobTrigger.Cancel, JobState.Cancelled),
        (JobState.Running, JobTrigger.Cancel, JobState.Cancelled),
        (JobState.Preempted, JobTrigger.Cancel, JobState.Cancelled),
        (JobState.Preempted, JobTrigger.Requeue, JobState.Queued),
    ];

    public static TheoryData<JobState, JobTrigger, JobState> Allowed()
    {
        var data = new TheoryData<JobState, JobTrigger, JobState>();
        foreach (var (from, trigger, to) in s_allowed)
        {
            data.Add(from, trigger, to);
        }

        return data;
    }

    public static TheoryData<JobState, JobTrigger> Refused()
    {
        var data = new TheoryData<JobState, JobTrigger>();
        foreach (var from in Enum.GetValues<JobState>())
        {
            foreach (var trigger in Enum.GetValues<JobTrigger>())
            {
                if (!s_allowed.Any(a => a.From == from && a.Trigger == trigger))
                {
                    data.Add(from, trigger);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Next_AllowedMove_GivesItsTarget(JobState from, JobTrigger trigger, JobState to)
    {
        Assert.True(JobLifecycle.CanMove(from, trigger));
        Assert.Equal(to, JobLifecycle.Next(from, trigger));
        Assert.Contains(from, JobLifecycle.Sources(trigger));
        Assert.Equal(to, JobLifecycle.Target(trigger));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Next_RefusedMove_GivesNull(JobState from, JobTrigger trigger)
    {
        Assert.False(JobLifecycle.CanMove(from, trigger));
        Assert.Null(JobLifecycle.Next(from, trigger));
        Assert.DoesNotContain(from, JobLifecycle.Sources(trigger));
    }

    [Fact]
    public void Table_HoldsExactlyTheAllowedMoves()
    {
        Assert.Equal(
            s_allowed.Select(a => new JobTransition(a.From, a.Trigger, a.To)).ToHashSet(),
            JobLifecycle.Transitions.ToHashSet());
        Assert.Equal(JobLifecycle.Transitions.Count, JobLifecycle.Transitions.Distinct().Count());
    }

    [Fact]
    public void Groups_AreTheStoresStateLists()
    {
        Assert.Equal([JobState.Queued, JobState.Preempted], JobLifecycle.Sources(JobTrigger.Place));
        Assert.Equal([JobState.Placed, JobState.Running], JobLifecycle.Holding);
        Assert.Equal([JobState.Queued, JobState.Placed, JobState.Running, JobState.Preempted], JobLifecycle.Active);
        Assert.Equal("('queued', 'preempted')", JobStates.SqlList(JobLifecycle.Sources(JobTrigger.Place)));
        Assert.Equal(JobState.Queued, JobLifecycle.Initial);
    }

    [Theory]
    [InlineData(JobState.Queued, false)]
    [InlineData(JobState.Placed, false)]
    [InlineData(JobState.Running, false)]
    [InlineData(JobState.Preempted, false)]
    [InlineData(JobState.Succeeded, true)]
    [InlineData(JobState.Failed, true)]
    [InlineData(JobState.Cancelled, true)]
    public void IsFinal_IsTrueOnlyForStatesWithNoWayOut(JobState state, bool final) =>
        Assert.Equal(final, JobStates.IsFinal(state));

    [Fact]
    public void Names_RoundTrip()
    {
        foreach (var state in Enum.GetValues<JobState>())
        {
            Assert.Equal(state, JobStates.Parse(JobStates.Name(state)));
        }

        Assert.Equal(
            ["queued", "placed", "running", "succeeded", "failed", "cancelled", "preempted"],
            Enum.GetValues<JobState>().Select(JobStates.Name));
        Assert.Null(JobStates.Parse("Queued"));
    }

    [Theory]
    [InlineData(JobState.Succeeded, JobTrigger.Succeed)]
    [InlineData(JobState.Failed, JobTrigger.Fail)]
    public void FinishTrigger_OfAnEndState_IsItsTrigger(JobState state, JobTrigger trigger) =>
        Assert.Equal(trigger, JobLifecycle.FinishTrigger(state));

    [Theory]
    [InlineData(JobState.Queued)]
    [InlineData(JobState.Cancelled)]
    [InlineData(JobState.Preempted)]
    public void FinishTrigger_OfAnotherState_Throws(JobState state) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JobLifecycle.FinishTrigger(state));
}
