using Suanwang.Core.Errors;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Tests.Traces;

public sealed class TraceFileTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "suanwang-tracefile-" + Guid.NewGuid().ToString("N"));

    public TraceFileTests()
    {
        Directory.CreateDirectory(_scratch);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    public static TheoryData<string, string> RealFiles => new()
    {
        { "philly/philly.csv", "philly" },
        { "pollux/workloads/workload-1.csv", "pollux" },
        { "pollux/workloads-2.0/workload-8.csv", "pollux" },
        { "alibaba-gpu-2023/openb_pod_list_default.csv", "alibaba" },
        { "alibaba-gpu-2023/openb_pod_list_gpuspec33.csv", "alibaba" },
    };

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void Read_WithoutFormat_DetectsItFromTheHeader(string file, string format)
    {
        var path = Path.Combine(TracePaths.Root, file);

        var trace = TraceFile.Read(path);

        Assert.Equal(format, trace.Format);
        Assert.Equal(path, trace.Source);
        Assert.NotEmpty(trace.Jobs);
    }

    [Theory]
    [InlineData("timestamp,duration,num_gpus,gpu_time,cluster", "philly")]
    [InlineData("name,time,application,num_replicas,batch_size", "pollux")]
    [InlineData("name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time", "alibaba")]
    public void Matches_EachHeader_ExactlyOneReader(string header, string format)
    {
        var readers = TraceFile.Formats.Select(f => TraceFile.CreateReader(f)!).ToList();

        Assert.Equal(format, Assert.Single(readers, r => r.Matches(header)).Format);
    }

    [Fact]
    public void Read_NamedFormat_IgnoresCase()
    {
        var path = Write("jobs.csv", "timestamp,duration,num_gpus,gpu_time,cluster\n2017-10-01 00:00:00,5.0,1,5.0,a\n");

        Assert.Equal("philly", TraceFile.Read(path, "Philly").Format);
    }

    [Fact]
    public void Read_UnknownFormatName_FailsNamingFileAndLine1()
    {
        var path = Write("jobs.csv", "timestamp,duration,num_gpus,gpu_time,cluster\n");

        var error = Assert.Throws<InputException>(() => TraceFile.Read(path, "slurm")).Error;

        TraceAssert.Located(error, path, 1, "format");
    }

    [Fact]
    public void Read_UndetectableHeader_FailsNamingFileAndLine1()
    {
        var path = Write("azure.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n");

        var error = Assert.Throws<InputException>(() => TraceFile.Read(path)).Error;

        TraceAssert.Located(error, path, 1, "");
    }

    [Fact]
    public void Read_EmptyFile_FailsNamingFileAndLine1()
    {
        var path = Write("empty.csv", "");

        var error = Assert.Throws<InputException>(() => TraceFile.Read(path)).Error;

        TraceAssert.Located(error, path, 1, "");
    }

    [Fact]
    public void Read_NamedFormatWithOtherHeader_FailsOnLine1()
    {
        var error = Assert.Throws<InputException>(() => TraceFile.Read(TracePaths.Philly, "alibaba")).Error;

        TraceAssert.Located(error, TracePaths.Philly, 1, "name");
    }

    [Fact]
    public void Read_MissingFile_FailsNamingTheFile()
    {
        var path = Path.Combine(_scratch, "absent.csv");

        var error = Assert.Throws<InputException>(() => TraceFile.Read(path, "philly")).Error;

        Assert.Equal(path, error.Source);
    }

    [Fact]
    public void Read_HeaderWithByteOrderMark_IsDetected()
    {
        var path = Path.Combine(_scratch, "bom.csv");
        File.WriteAllText(path, "timestamp,duration,num_gpus,gpu_time,cluster\n2017-10-01 00:00:00,5.0,1,5.0,a\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Single(TraceFile.Read(path).Jobs);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_scratch, name);
        File.WriteAllText(path, text);
        return path;
    }
}
