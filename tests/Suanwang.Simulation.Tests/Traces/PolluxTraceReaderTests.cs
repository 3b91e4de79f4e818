using System.Globalization;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Tests.Traces;

public sealed class PolluxTraceReaderTests : IDisposable
{
    private const string Header = "name,time,application,num_replicas,batch_size";

    private static readonly Lazy<Trace> s_workload1 = new(() => TraceFile.Read(TracePaths.PolluxWorkload(1), "pollux"));

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "suanwang-pollux-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    [Fact]
    public void Read_PolluxWorkload_Has160JobsSortedByArrival()
    {
        var trace = s_workload1.Value;

        Assert.Equal(160, trace.Jobs.Count);
        Assert.Equal("pollux", trace.Format);
        Assert.Equal("T4", trace.ReferenceModel);
        Assert.Empty(trace.Skipped);
        TraceAssert.SortedByArrival(trace);
        Assert.All(trace.Jobs, j => Assert.True(j.RuntimeSeconds > 0, $"{j.Name} has run time {j.RuntimeSeconds}"));
    }

    // The load-scaled workloads scale the number of jobs over the same period, not only the rate.
    [Theory]
    [InlineData("workloads", 160)]
    [InlineData("workloads-0.5", 80)]
    [InlineData("workloads-1.5", 240)]
    [InlineData("workloads-2.0", 320)]
    public void Read_EveryPolluxWorkload_HasItsLoadTimes160Jobs(string folder, int jobs)
    {
        for (var n = 1; n <= 8; n++)
        {
            Assert.Equal(jobs, TraceFile.Read(TracePaths.PolluxWorkload(n, folder)).Jobs.Count);
        }
    }

    [Fact]
    public void Read_PolluxWorkload_FirstRowBecomesJobWithItsValues()
    {
        // Raw first row: cifar10-0,107,cifar10,6,2048; 107 s is also the earliest submission.
        var job = s_workload1.Value.Jobs[0];

        Assert.Equal("cifar10-0", job.Name);
        Assert.Equal(0, job.ArrivalSeconds);
        Assert.Equal(6, job.Cards);
        Assert.Equal("cifar10", job.Tenant);
        Assert.Empty(job.Models);
    }

    [Fact]
    public void Read_PolluxWorkload_DerivesRunTimeFromValidationAndPlacements()
    {
        // cifar10-0 trains at batch 2048 on 6 replicas: the final row of validation-2048.csv gives
        // the iterations; 6 replicas packed four to a node is placement "24", and its row nearest
        // local batch 2048 / 6 = 341.3 is local_bsz 363.
        var iterations = double.Parse(
            File.ReadLines(TracePaths.PolluxApp("cifar10", "validation-2048.csv")).Last(l => l.Length > 0).Split(',')[1],
            CultureInfo.InvariantCulture);
        var row = File.ReadLines(TracePaths.PolluxApp("cifar10", "placements.csv"))
            .Select(l => l.Split(','))
            .Single(c => c[0] == "24" && c[1] == "363");
        var stepTime = double.Parse(row[2], CultureInfo.InvariantCulture);

        var job = s_workload1.Value.Jobs.Single(j => j.Name == "cifar10-0");

        Assert.Equal(3178, iterations);
        Assert.Equal(iterations * stepTime, job.RuntimeSeconds, 9);
    }

    [Fact]
    public void Read_PolluxWorkload_EveryJobMatchesTheRuleAppliedToTheCsvFiles()
    {
        var raw = File.ReadLines(TracePaths.PolluxWorkload(1)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var first = raw.Min(c => double.Parse(c[1], CultureInfo.InvariantCulture));
        var jobs = s_workload1.Value.Jobs.ToDictionary(j => j.Name);

        foreach (var c in raw)
        {
            var job = jobs[c[0]];
            var replicas = int.Parse(c[3], CultureInfo.InvariantCulture);
            var batch = int.Parse(c[4], CultureInfo.InvariantCulture);

            Assert.Equal(double.Parse(c[1], CultureInfo.InvariantCulture) - first, job.ArrivalSeconds);
            Assert.Equal(replicas, job.Cards);
            Assert.Equal(c[2], job.Tenant);
            Assert.Equal(ExpectedRuntime(c[2], replicas, batch), job.RuntimeSeconds, 9);
        }
    }

    [Fact]
    public void Read_MoreReplicasThanPlacementsCover_UsesScalabilityRowWithFewestNodes()
    {
        // imagenet on 24 replicas at batch 3200: placements.csv stops at 16 replicas, so the step
        // time is scalability.csv's 24-replica row on the fewest nodes (6, four replicas each)
        // nearest local batch 133.3 (local_bsz 115).
        var job = s_workload1.Value.Jobs.Single(j => j.Tenant == "imagenet" && j.Cards == 24);
        var stepTime = double.Parse(
            File.ReadLines(TracePaths.PolluxApp("imagenet", "scalability.csv")).Single(l => l.StartsWith("6,24,115,", StringComparison.Ordinal)).Split(',')[3],
            CultureInfo.InvariantCulture);
        var iterations = double.Parse(
            File.ReadLines(TracePaths.PolluxApp("imagenet", "validation-3200.csv")).Last(l => l.Length > 0).Split(',')[1],
            CultureInfo.InvariantCulture);

        Assert.Equal(iterations * stepTime, job.RuntimeSeconds, 9);
    }

    [Theory]
    [InlineData(1, "1")]
    [InlineData(4, "4")]
    [InlineData(6, "24")]
    [InlineData(8, "44")]
    [InlineData(12, "444")]
    [InlineData(16, "4444")]
    [InlineData(24, "444444")]
    public void PackedPlacement_FillsNodesOfFour_SmallestRotation(int replicas, string placement)
    {
        Assert.Equal(placement, PolluxApplication.PackedPlacement(replicas));
    }

    [Fact]
    public void Read_BatchSizeWithoutValidationFile_UsesNearestMeasuredBatchSize()
    {
        var apps = WriteApp("toy", validation: [(100, 1000), (300, 400)]);
        var text = $"{Header}\nnear-low,0,toy,1,180\nnear-high,5,toy,1,220\ntie,9,toy,1,200\n";

        var trace = new PolluxTraceReader(apps).Read(new StringReader(text), "toy.csv");

        // Batch 180 is nearest validation-100, 220 nearest validation-300, and 200, equally near
        // both, takes the smaller. Placement "1" has local_bsz 64 (2 s) and 256 (3 s); all three are nearer 256.
        Assert.Equal(1000 * 3.0, trace.Jobs[0].RuntimeSeconds);
        Assert.Equal(400 * 3.0, trace.Jobs[1].RuntimeSeconds);
        Assert.Equal(1000 * 3.0, trace.Jobs[2].RuntimeSeconds);
    }

    [Fact]
    public void Read_AppsFolderAboveWorkload_IsFoundWithoutBeingNamed()
    {
        WriteApp("toy", validation: [(64, 10)]);
        var workload = Path.Combine(_scratch, "workloads", "w.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(workload)!);
        File.WriteAllText(workload, $"{Header}\nj,3,toy,1,64\n");

        var trace = TraceFile.Read(workload);

        Assert.Equal("pollux", trace.Format);
        Assert.Equal(10 * 2.0, Assert.Single(trace.Jobs).RuntimeSeconds);
    }

    [Theory]
    [InlineData("j,0,cifar10,6", "batch_size")]
    [InlineData("j,0,cifar10,6,2048,x", "batch_size")]
    [InlineData("j,soon,cifar10,6,2048", "time")]
    [InlineData("j,-1,cifar10,6,2048", "time")]
    [InlineData(",0,cifar10,6,2048", "name")]
    [InlineData("j,0,resnet,6,2048", "application")]
    [InlineData("j,0,../apps,6,2048", "application")]
    [InlineData("j,0,,6,2048", "application")]
    [InlineData("j,0,cifar10,0,2048", "num_replicas")]
    [InlineData("j,0,cifar10,six,2048", "num_replicas")]
    [InlineData("j,0,cifar10,65,2048", "num_replicas")]
    [InlineData("j,0,cifar10,6,0", "batch_size")]
    [InlineData("j,0,cifar10,6,2048.5", "batch_size")]
    public void Read_MalformedRow_NamesFileLineAndColumn(string row, string field)
    {
        var text = $"{Header}\nok,0,cifar10,6,2048\n{row}\n";

        var error = TraceAssert.Fails(new PolluxTraceReader(TracePaths.PolluxApps), text, "w.csv");

        TraceAssert.Located(error, "w.csv", 3, field);
    }

    [Fact]
    public void Read_NoAppsFolderAboveWorkload_FailsOnFirstRow()
    {
        Directory.CreateDirectory(_scratch);
        var source = Path.Combine(_scratch, "w.csv");

        var error = TraceAssert.Fails(new PolluxTraceReader(), $"{Header}\n\nj,0,cifar10,6,2048\n", source);

        TraceAssert.Located(error, source, 3, "application");
    }

    [Fact]
    public void Read_NamedAppsFolderMissing_FailsOnFirstRow()
    {
        var error = TraceAssert.Fails(new PolluxTraceReader(Path.Combine(_scratch, "nowhere")), $"{Header}\nj,0,cifar10,6,2048\n", "w.csv");

        TraceAssert.Located(error, "w.csv", 2, "application");
    }

    [Fact]
    public void Read_MalformedApplicationFile_NamesThatFileLineAndColumn()
    {
        var apps = WriteApp("toy", validation: [(64, 10)]);
        var scalability = Path.Combine(apps, "toy", "scalability.csv");
        File.WriteAllText(scalability, "num_nodes,num_replicas,local_bsz,step_time,sync_time\n6,6,32,0.5,0.1\n6,6,64,fast,0.1\n");

        var error = TraceAssert.Fails(new PolluxTraceReader(apps), $"{Header}\nj,0,toy,1,64\n", "w.csv");

        TraceAssert.Located(error, scalability, 3, "step_time");
    }

    [Fact]
    public void Read_ApplicationFileMissing_NamesTheMissingFile()
    {
        var apps = WriteApp("toy", validation: [(64, 10)]);
        File.Delete(Path.Combine(apps, "toy", "placements.csv"));

        var error = TraceAssert.Fails(new PolluxTraceReader(apps), $"{Header}\nj,0,toy,1,64\n", "w.csv");

        Assert.Equal(Path.Combine(apps, "toy", "placements.csv"), error.Source);
    }

    [Fact]
    public void Read_ReplicaCountNeverMeasured_FailsOnNumReplicas()
    {
        var apps = WriteApp("toy", validation: [(64, 10)]);

        var error = TraceAssert.Fails(new PolluxTraceReader(apps), $"{Header}\nj,0,toy,2,64\n", "w.csv");

        TraceAssert.Located(error, "w.csv", 2, "num_replicas");
    }

    // The rule of PolluxTraceReader, applied with plain LINQ over the raw CSV lines.
    private static double ExpectedRuntime(string app, int replicas, int batch)
    {
        var validation = Directory.GetFiles(Path.Combine(TracePaths.PolluxApps, app), "validation-*.csv")
            .Select(p => (Batch: int.Parse(Path.GetFileNameWithoutExtension(p)["validation-".Length..], CultureInfo.InvariantCulture), Path: p))
            .OrderBy(v => Math.Abs(v.Batch - batch)).ThenBy(v => v.Batch)
            .First();
        var iterations = Number(File.ReadLines(validation.Path).Last(l => l.Length > 0).Split(',')[1]);
        var local = batch / (double)replicas;
        var placement = new string('4', replicas / 4);
        placement = (replicas % 4 > 0 ? (replicas % 4).ToString(CultureInfo.InvariantCulture) : "") + placement;

        var measured = Rows(app, "placements.csv").Where(c => c[0] == placement).Select(c => (Local: Number(c[1]), Step: Number(c[2]))).ToList();
        if (measured.Count == 0)
        {
            var scalability = Rows(app, "scalability.csv").Where(c => Number(c[1]) == replicas).ToList();
            var nodes = scalability.Min(c => Number(c[0]));
            measured = scalability.Where(c => Number(c[0]) == nodes).Select(c => (Local: Number(c[2]), Step: Number(c[3]))).ToList();
        }

        // OrderBy is stable: of two equally near local batch sizes, the one listed first wins.
        return iterations * measured.OrderBy(m => Math.Abs(m.Local - local)).First().Step;
    }

    private static IEnumerable<string[]> Rows(string app, string file) =>
        File.ReadLines(TracePaths.PolluxApp(app, file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private string WriteApp(string name, (int Batch, int FinalIteration)[] validation)
    {
        var apps = Path.Combine(_scratch, "apps");
        var dir = Path.Combine(apps, name);
        Directory.CreateDirectory(dir);
        foreach (var (batch, final) in validation)
        {
            File.WriteAllText(
                Path.Combine(dir, $"validation-{batch}.csv"),
                $"progress,iteration,metric,grad_sqr,grad_var\n1.0,{final / 2},0.5,1,1\n2.0,{final},0.9,1,1\n");
        }

        File.WriteAllText(Path.Combine(dir, "placements.csv"), "placement,local_bsz,step_time,sync_time\n1,64,2.0,0.0\n1,256,3.0,0.0\n");
        File.WriteAllText(Path.Combine(dir, "scalability.csv"), "num_nodes,num_replicas,local_bsz,step_time,sync_time\n6,6,64,5.0,1.0\n");
        return apps;
    }
}
