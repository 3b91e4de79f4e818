using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Tests.Traces;

public sealed class AlibabaTraceReaderTests
{
    private const string Header = "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time";

    private static readonly Lazy<Trace> s_default = new(() => TraceFile.Read(TracePaths.AlibabaDefault, "alibaba"));
    private static readonly Lazy<Trace> s_gpuSpec = new(() => TraceFile.Read(TracePaths.AlibabaGpuSpec33, "alibaba"));

    [FullTracesFact]
    public void Read_AlibabaDefault_Simulates6203Of8152PodsAndCountsTheRest()
    {
        var trace = s_default.Value;

        // 8,152 pods: 1,088 ask for no GPU, 861 GPU pods were never scheduled (Pending, no scheduled_time).
        Assert.Equal(6_203, trace.Jobs.Count);
        Assert.Equal(1_088, trace.Skipped[AlibabaTraceReader.CpuOnly]);
        Assert.Equal(861, trace.Skipped[AlibabaTraceReader.NeverScheduled]);
        Assert.Equal(8_152, trace.Jobs.Count + trace.Skipped.Values.Sum());
        Assert.Equal(2_573, trace.Adjusted[AlibabaTraceReader.FractionalGpuWholeCard]);
        Assert.False(trace.Adjusted.ContainsKey(AlibabaTraceReader.UnknownGpuModelRelaxed));
        Assert.Equal("alibaba", trace.Format);
        Assert.Equal("T4", trace.ReferenceModel);
        TraceAssert.SortedByArrival(trace);
        Assert.All(trace.Jobs, j => Assert.True(j.RuntimeSeconds > 0 && j.Cards >= 1, j.Name));
    }

    [Fact]
    public void Read_AlibabaDefault_FirstRowBecomesJobWithItsValues()
    {
        // Raw first row: openb-pod-0000,12000,16384,1,1000,,LS,Running,0,12537496,0.
        var job = s_default.Value.Jobs[0];

        Assert.Equal("openb-pod-0000", job.Name);
        Assert.Equal(0, job.ArrivalSeconds);
        Assert.Equal(12_537_496, job.RuntimeSeconds);
        Assert.Equal(1, job.Cards);
        Assert.Equal("LS", job.Tenant);
        Assert.Empty(job.Models);
    }

    [FullTracesFact]
    public void Read_AlibabaDefault_RunTimeIsDeletionMinusScheduled()
    {
        // openb-pod-8151,3152,5600,1,590,,BE,Failed,12901761,12901792,12901762: a fractional GPU.
        var job = s_default.Value.Jobs.Single(j => j.Name == "openb-pod-8151");

        Assert.Equal(12_901_761, job.ArrivalSeconds);
        Assert.Equal(30, job.RuntimeSeconds);
        Assert.Equal(1, job.Cards);
        Assert.Equal("BE", job.Tenant);
    }

    [FullTracesFact]
    public void Read_AlibabaGpuSpec33_MapsModelsAndRelaxesUndisclosedOnes()
    {
        var trace = s_gpuSpec.Value;

        Assert.Equal(6_203, trace.Jobs.Count);
        Assert.Equal(377, trace.Adjusted[AlibabaTraceReader.UnknownGpuModelRelaxed]);
        Assert.Equal(58, trace.Adjusted[AlibabaTraceReader.UnknownGpuModelDropped]);
        Assert.All(trace.Jobs.SelectMany(j => j.Models), m => Assert.Contains(m, new[] { "P100", "T4", "V100-16GB", "V100-32GB", "A10" }));
        Assert.All(trace.Jobs, j => Assert.Equal(j.Models.Count, j.Models.Distinct().Count()));
    }

    [Fact]
    public void Read_GpuSpec_MapsAliasesDropsUndisclosedAndDeduplicates()
    {
        var text = $"""
            {Header}
            a,1000,1024,1,1000,V100M16|V100M32|V100M32,LS,Running,10,100,20
            b,1000,1024,2,1000,G2|P100|T4,BE,Running,11,100,20
            c,1000,1024,1,250,G3,LS,Running,12,100,20
            d,1000,1024,1,1000,,LS,Running,13,100,20
            """;

        var trace = new AlibabaTraceReader().Read(new StringReader(text), "pods.csv");

        Assert.Equal(["V100-16GB", "V100-32GB"], trace.Jobs[0].Models);
        Assert.Equal(["P100", "T4"], trace.Jobs[1].Models);
        Assert.Empty(trace.Jobs[2].Models);
        Assert.Empty(trace.Jobs[3].Models);
        Assert.Equal(1, trace.Adjusted[AlibabaTraceReader.UnknownGpuModelRelaxed]);
        Assert.Equal(1, trace.Adjusted[AlibabaTraceReader.UnknownGpuModelDropped]);
        Assert.Equal(1, trace.Adjusted[AlibabaTraceReader.FractionalGpuWholeCard]);
        Assert.Equal([0.0, 1.0, 2.0, 3.0], trace.Jobs.Select(j => j.ArrivalSeconds));
        Assert.Equal(80, trace.Jobs[0].RuntimeSeconds);
    }

    [Fact]
    public void Read_SkippedRows_AreCountedWithTheirReason()
    {
        var text = $"""
            {Header}
            cpu,1000,1024,0,0,,LS,Running,0,100,0
            pending,1000,1024,1,1000,,BE,Pending,5,9,
            instant,1000,1024,1,1000,,BE,Failed,6,50,50
            backwards,1000,1024,1,1000,,BE,Failed,7,40,50
            kept,1000,1024,1,1000,,BE,Running,8,60,50
            """;

        var trace = new AlibabaTraceReader().Read(new StringReader(text), "pods.csv");

        var job = Assert.Single(trace.Jobs);
        Assert.Equal("kept", job.Name);
        Assert.Equal(0, job.ArrivalSeconds);
        Assert.Equal(1, trace.Skipped[AlibabaTraceReader.CpuOnly]);
        Assert.Equal(1, trace.Skipped[AlibabaTraceReader.NeverScheduled]);
        Assert.Equal(2, trace.Skipped[AlibabaTraceReader.NonPositiveRuntime]);
    }

    [Theory]
    [InlineData("p,1000,1024,1,1000,,LS,Running,0,100", "scheduled_time")]
    [InlineData("p,1000,1024,1,1000,,LS,Running,0,100,0,extra", "scheduled_time")]
    [InlineData(",1000,1024,1,1000,,LS,Running,0,100,0", "name")]
    [InlineData("p,lots,1024,1,1000,,LS,Running,0,100,0", "cpu_milli")]
    [InlineData("p,1000,-1,1,1000,,LS,Running,0,100,0", "memory_mib")]
    [InlineData("p,1000,1024,-1,1000,,LS,Running,0,100,0", "num_gpu")]
    [InlineData("p,1000,1024,one,1000,,LS,Running,0,100,0", "num_gpu")]
    [InlineData("p,1000,1024,1,1001,,LS,Running,0,100,0", "gpu_milli")]
    [InlineData("p,1000,1024,1,1000,H800,LS,Running,0,100,0", "gpu_spec")]
    [InlineData("p,1000,1024,1,1000,nan,LS,Running,0,100,0", "gpu_spec")]
    [InlineData("p,1000,1024,1,1000,,,Running,0,100,0", "qos")]
    [InlineData("p,1000,1024,1,1000,,LS,,0,100,0", "pod_phase")]
    [InlineData("p,1000,1024,1,1000,,LS,Running,yesterday,100,0", "creation_time")]
    [InlineData("p,1000,1024,1,1000,,LS,Running,0,,0", "deletion_time")]
    [InlineData("p,1000,1024,1,1000,,LS,Running,0,100,1.5", "scheduled_time")]
    [InlineData("p,1000,1024,0,0,,LS,Running,0,100,x", "scheduled_time")]
    public void Read_MalformedRow_NamesFileLineAndColumn(string row, string field)
    {
        var text = $"{Header}\nok,1000,1024,1,1000,,LS,Running,0,100,0\n{row}\n";

        var error = TraceAssert.Fails(new AlibabaTraceReader(), text, "pods.csv");

        TraceAssert.Located(error, "pods.csv", 3, field);
    }

    [Fact]
    public void Read_PodListWithoutTimes_FailsOnLine1()
    {
        var error = Assert.Throws<Core.Errors.InputException>(() => TraceFile.Read(TracePaths.AlibabaMultiGpu50)).Error;

        TraceAssert.Located(error, TracePaths.AlibabaMultiGpu50, 1, "gpu_spec");
    }
}
