using BenchmarkDotNet.Attributes;

namespace Suanwang.Bench.Placement;

/// <summary>
/// BenchmarkDotNet view of placement: one operation is one decision (TryPlace with every filter
/// and score on), so Mean is ns/decision and Allocated is bytes/decision.
/// </summary>
[MemoryDiagnoser]
public class PlacementBenchmark
{
    public const int DecisionsPerInvoke = 1024;

    private PlacementFixture _fixture = null!;

    [Params(10, 100, 1000, 10000)]
    public int Sites { get; set; }

    [GlobalSetup]
    public void Setup() => _fixture = PlacementFixture.Create(Sites);

    [Benchmark(OperationsPerInvoke = DecisionsPerInvoke)]
    public long Decide() => _fixture.Decide(DecisionsPerInvoke);
}
