using System.Globalization;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Tests.Traces;

public sealed class PhillyTraceReaderTests
{
    private const string Header = "timestamp,duration,num_gpus,gpu_time,cluster";

    private static readonly Lazy<Trace> s_philly = new(() => TraceFile.Read(TracePaths.Philly, "philly"));

    [FullTracesFact]
    public void Read_PhillyTrace_Has82247JobsSortedByArrival()
    {
        var trace = s_philly.Value;

        Assert.Equal(82_247, trace.Jobs.Count);
        Assert.Equal("philly", trace.Format);
        Assert.Equal("P100", trace.ReferenceModel);
        Assert.Empty(trace.Skipped);
        TraceAssert.SortedByArrival(trace);
        Assert.Equal(0, trace.Jobs[0].ArrivalSeconds);
    }

    [FullTracesFact]
    public void Read_PhillyTrace_FirstRowBecomesJobWithItsValues()
    {
        // Raw first row: 2017-10-09 07:01:55,66.0,1,66.0,11cb48; the earliest submission in the
        // file is 2017-09-04 10:30:41.
        var job = s_philly.Value.Jobs.Single(j => j.Name == "philly-0");
        var expectedArrival = (Time("2017-10-09 07:01:55") - Time("2017-09-04 10:30:41")).TotalSeconds;

        Assert.Equal(expectedArrival, job.ArrivalSeconds);
        Assert.Equal(66.0, job.RuntimeSeconds);
        Assert.Equal(1, job.Cards);
        Assert.Equal("11cb48", job.Tenant);
        Assert.Empty(job.Models);
    }

    [FullTracesFact]
    public void Read_PhillyTrace_EarliestRowArrivesFirst()
    {
        // Line 31,568 (data row 31,566): 2017-09-04 10:30:41,2240194.0,8,17921552.0,7f04ca.
        var first = s_philly.Value.Jobs[0];

        Assert.Equal("philly-31566", first.Name);
        Assert.Equal(2_240_194.0, first.RuntimeSeconds);
        Assert.Equal(8, first.Cards);
        Assert.Equal("7f04ca", first.Tenant);
    }

    [FullTracesFact]
    public void Read_PhillyTrace_MatchesPublishedFacts()
    {
        var jobs = s_philly.Value.Jobs;

        // SOURCE.md: 76,627 single-GPU jobs, 15 virtual clusters, the largest two with 41,226 and 16,091 jobs.
        Assert.Equal(76_627, jobs.Count(j => j.Cards == 1));
        Assert.Equal(15, jobs.Select(j => j.Tenant).Distinct().Count());
        Assert.Equal(41_226, jobs.Count(j => j.Tenant == "6214e9"));
        Assert.Equal(16_091, jobs.Count(j => j.Tenant == "11cb48"));
        Assert.Equal(4_628_226.0, jobs.Max(j => j.RuntimeSeconds));
    }

    [Fact]
    public void Read_EqualTimestamps_KeepFileOrder()
    {
        var text = $"""
            {Header}
            2017-10-01 00:00:10,5.0,1,5.0,b
            2017-10-01 00:00:00,7.0,2,14.0,a
            2017-10-01 00:00:10,6.0,1,6.0,c

            """;

        var trace = new PhillyTraceReader().Read(new StringReader(text), "inline.csv");

        Assert.Equal(["philly-1", "philly-0", "philly-2"], trace.Jobs.Select(j => j.Name));
        Assert.Equal([0.0, 10.0, 10.0], trace.Jobs.Select(j => j.ArrivalSeconds));
    }

    [Fact]
    public void Read_PhillyTrace_EqualArrivalsKeepFileOrder()
    {
        var jobs = s_philly.Value.Jobs;
        for (var i = 1; i < jobs.Count; i++)
        {
            if (jobs[i - 1].ArrivalSeconds == jobs[i].ArrivalSeconds)
            {
                Assert.True(Index(jobs[i - 1]) < Index(jobs[i]), $"{jobs[i - 1].Name} is listed before {jobs[i].Name}");
            }
        }
    }

    [Theory]
    [InlineData("2017-10-01 00:00:00,5.0,1,5.0", "cluster")]
    [InlineData("2017-10-01 00:00:00,5.0,1,5.0,a,extra", "cluster")]
    [InlineData("2017-10-01 00:00:00", "duration")]
    [InlineData("2017-10-01 00:00:00,five,1,5.0,a", "duration")]
    [InlineData("2017-10-01 00:00:00,-5.0,1,5.0,a", "duration")]
    [InlineData("2017-10-01 00:00:00,NaN,1,5.0,a", "duration")]
    [InlineData("2017-10-01 00:00:00,5.0,0,5.0,a", "num_gpus")]
    [InlineData("2017-10-01 00:00:00,5.0,1.5,5.0,a", "num_gpus")]
    [InlineData("2017-10-01 00:00:00,5.0,99999999999,5.0,a", "num_gpus")]
    [InlineData("2017-10-01 00:00:00,5.0,1,x,a", "gpu_time")]
    [InlineData("2017-13-01 00:00:00,5.0,1,5.0,a", "timestamp")]
    [InlineData("01/10/2017 00:00,5.0,1,5.0,a", "timestamp")]
    [InlineData(",5.0,1,5.0,a", "timestamp")]
    [InlineData("2017-10-01 00:00:00,5.0,1,5.0,", "cluster")]
    public void Read_MalformedRow_NamesFileLineAndColumn(string row, string field)
    {
        var text = $"{Header}\n2017-10-01 00:00:00,1.0,1,1.0,ok\n\n{row}\n";

        var error = TraceAssert.Fails(new PhillyTraceReader(), text, "jobs.csv");

        TraceAssert.Located(error, "jobs.csv", 4, field);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("timestamp,duration,num_gpus,gpu_time\n", "cluster")]
    [InlineData("timestamp,duration,gpus,gpu_time,cluster\n", "num_gpus")]
    [InlineData("timestamp,duration,num_gpus,gpu_time,cluster,user\n", "user")]
    public void Read_WrongHeader_FailsOnLine1(string text, string field)
    {
        var error = TraceAssert.Fails(new PhillyTraceReader(), text, "jobs.csv");

        TraceAssert.Located(error, "jobs.csv", 1, field);
    }

    [Fact]
    public void Matches_PhillyHeader_IgnoresCaseAndBlanks()
    {
        var reader = new PhillyTraceReader();

        Assert.True(reader.Matches(Header));
        Assert.True(reader.Matches(" Timestamp, duration ,num_gpus,gpu_time,cluster\r"));
        Assert.False(reader.Matches("name,time,application,num_replicas,batch_size"));
    }

    private static DateTime Time(string text) => DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static int Index(TraceJob job) => int.Parse(job.Name.AsSpan("philly-".Length), CultureInfo.InvariantCulture);
}
