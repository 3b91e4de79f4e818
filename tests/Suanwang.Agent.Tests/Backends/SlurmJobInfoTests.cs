using Suanwang.Agent.Backends;

namespace Suanwang.Agent.Tests.Backends;

public sealed class SlurmJobInfoTests
{
    [Fact]
    public void Scontrol_FinishedJob_GivesStateExitCodeAndRunTime()
    {
        const string line = "JobId=12 JobName=sw-1-f2 UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=1 Nice=0 Account=(null) QOS=(null) "
            + "JobState=FAILED Reason=NonZeroExitCode Dependency=(null) Requeue=0 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=3:0 "
            + "RunTime=1-02:03:04 TimeLimit=00:01:00 Command=/tmp/a b/job.sh WorkDir=/tmp/a b";

        var info = SlurmJobInfo.ParseScontrol(line);

        Assert.Equal(new SlurmJobInfo("FAILED", 3, 0, 93784, "NonZeroExitCode"), info);
        Assert.True(info!.IsFinal);
    }

    [Fact]
    public void Scontrol_RunningJob_IsNotFinal()
    {
        var info = SlurmJobInfo.ParseScontrol("JobId=3 JobState=RUNNING Reason=None ExitCode=0:0 RunTime=00:00:07");

        Assert.Equal(new SlurmJobInfo("RUNNING", 0, 0, 7, null), info);
        Assert.False(info!.IsFinal);
    }

    [Fact]
    public void Scontrol_WithoutAState_IsNothing() => Assert.Null(SlurmJobInfo.ParseScontrol("slurm_load_jobs error: Invalid job id specified"));

    [Fact]
    public void Sacct_CancelledBySomeone_GivesTheStateWord()
    {
        var info = SlurmJobInfo.ParseSacct("CANCELLED by 0|0:15\n");

        Assert.Equal(new SlurmJobInfo("CANCELLED", 0, 15, null, null), info);
    }

    [Fact]
    public void Sacct_Empty_IsNothing() => Assert.Null(SlurmJobInfo.ParseSacct(""));

    [Theory]
    [InlineData("00:00:05", 5)]
    [InlineData("01:02:03", 3723)]
    [InlineData("2-00:00:01", 172801)]
    [InlineData("07:30", 450)]
    public void Duration_IsParsed(string text, double seconds) => Assert.Equal(seconds, SlurmJobInfo.ParseDuration(text));

    [Theory]
    [InlineData("")]
    [InlineData("UNLIMITED")]
    [InlineData("x-00:00:01")]
    public void Duration_NotADuration_IsNull(string text) => Assert.Null(SlurmJobInfo.ParseDuration(text));
}
