using Suanwang.Scheduling.Elastic;

namespace Suanwang.Scheduling.Tests.Elastic;

public sealed class ElasticAllocatorTests
{
    private static readonly double[] s_linear = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly double[] s_concave = [0, 1, 1.8, 2.4, 2.8, 3.0, 3.1, 3.15, 3.2];

    // One pool of 2 nodes x 4 cards unless a case says otherwise.
    private static readonly ElasticPool[] s_eight = [new(8, 4, 2)];

    [Fact]
    public void Allocate_OneScalingJob_GetsItsMost()
    {
        var result = Allocate([Job(1, 1, 4, s_linear, 1000)], s_eight);

        Assert.Equal([(0, 4)], result);
    }

    [Fact]
    public void Allocate_ShortJobFirst_LongJobTakesWhatIsLeft()
    {
        // Same curve; job 2 has a tenth of job 1's work left, so it is served first and grows to its most.
        var result = Allocate([Job(1, 1, 8, s_linear, 10000), Job(2, 1, 6, s_linear, 1000)], s_eight);

        Assert.Equal([(0, 2), (0, 6)], result);
    }

    // Cards go where each adds most: equal jobs on a concave curve split evenly; a job that
    // gains nothing past 2 cards leaves the rest to the other.
    public static TheoryData<double[], double[], (int, int)[]> Concave => new()
    {
        { s_concave, s_concave, [(0, 4), (0, 4)] },
        { [0, 1, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9], s_concave, [(0, 2), (0, 6)] },
    };

    [Theory]
    [MemberData(nameof(Concave))]
    public void Allocate_ConcaveCurves_GreedyMarginalGainPerCard(double[] first, double[] second, (int, int)[] expected)
    {
        var result = Allocate([Job(1, 1, 8, first, 1000), Job(2, 1, 8, second, 1000)], s_eight);

        Assert.Equal(expected, result);
    }

    [Fact]
    public void Allocate_CurveThatPaysOnlyAtFourCards_JumpsToFour()
    {
        // Per card, 4 cards (4 per second) beat 1 card (1 per second, 1 per card): the step jumps.
        double[] steps = [0, 1, 1, 1, 6, 6, 6, 6, 6];
        var result = Allocate([Job(1, 1, 8, steps, 1000), Job(2, 1, 8, s_linear, 100000)], [new(5, 4, 2)]);

        Assert.Equal([(0, 4), (0, 1)], result);
    }

    // Gangs are laid out evenly over the fewest nodes: 5 and 7 cards on nodes of 4 are not
    // shapes, so with 7 cards free the job takes 6.
    [Theory]
    [InlineData(8, 8)]
    [InlineData(7, 6)]
    [InlineData(5, 4)]
    public void Allocate_OnlyExactGangShapes(int free, int expected)
    {
        var result = Allocate([Job(1, 1, 8, s_linear, 1000)], [new(free, 4, 2)]);

        Assert.Equal([(0, expected)], result);
    }

    [Fact]
    public void Allocate_MinimumAboveWhatIsFree_Waits()
    {
        var result = Allocate([Job(1, 6, 8, s_linear, 1000), Job(2, 1, 4, s_linear, 10)], [new(4, 4, 1)]);

        Assert.Equal([(-1, 0), (0, 4)], result);
    }

    // Job 1 runs on 2 cards with 600 s of work left at 1 per card-second (300 s). Growing to 4
    // saves 150 s; the change is charged restart x hysteresis (2): it happens only when that is less.
    [Theory]
    [InlineData(30, 4)]
    [InlineData(74, 4)]
    [InlineData(76, 2)]
    [InlineData(300, 2)]
    public void Allocate_RunningJob_ResizedOnlyWhenTheGainBeatsTheRestart(double restartSeconds, int expected)
    {
        double[] curve = [0, 1, 2, 3, 4];
        var running = Job(1, 1, 4, curve, 600) with { Pool = 0, Cards = 2 };

        var result = Allocate([running], [new(4, 4, 1)], new ElasticAllocatorOptions(restartSeconds));

        Assert.Equal([(0, expected)], result);
    }

    [Fact]
    public void Allocate_Heterogeneous_EachJobOnThePoolWhereItGainsMost()
    {
        // Pool 1 is twice as fast for job 1 and no faster for job 2 (Gavel's per-job throughputs):
        // job 1 takes the fast pool, job 2 the other.
        ElasticPool[] pools = [new(4, 4, 1), new(4, 4, 1)];
        var result = Allocate(
            [
                Job(1, 4, 4, s_linear, 1000, speeds: [1, 2]),
                Job(2, 4, 4, s_linear, 900, speeds: [1, 1]),
            ],
            pools);

        Assert.Equal([(1, 4), (0, 4)], result);
    }

    [Fact]
    public void Allocate_JobThatMayNotRunOnAPool_NeverGetsIt()
    {
        var result = Allocate([Job(1, 1, 4, s_linear, 1000, speeds: [0, 1])], [new(8, 4, 2), new(0, 4, 1)]);

        Assert.Equal([(-1, 0)], result);
    }

    // Job 1 (2,500 s alone on its 4 cards) waits; job 2 needs 25 s. Fresh, job 2 goes first; job 1's
    // value grows by 1 for each 8 x 2,500 s waited and passes job 2's (100 times larger) past 1,980,000 s.
    [Theory]
    [InlineData(0, 2)]
    [InlineData(1_900_000, 2)]
    [InlineData(2_000_000, 1)]
    public void Allocate_LongWait_OutranksShortNewcomer(double waited, long winner)
    {
        double[] curve = [0, 0, 0, 0, 4];
        var result = Allocate(
            [Job(1, 4, 4, curve, 10000) with { WaitingSeconds = waited }, Job(2, 4, 4, curve, 100)],
            [new(4, 4, 1)]);

        Assert.Equal(winner, result[0].Cards > 0 ? 1 : 2);
    }

    [Fact]
    public void Allocate_NeverHandsOutMoreThanAPoolHas()
    {
        var jobs = Enumerable.Range(1, 20).Select(i => Job(i, 1, 8, s_concave, 100 * i)).ToArray();

        var result = Allocate(jobs, s_eight);

        Assert.Equal(8, result.Sum(r => r.Cards));
        Assert.All(result, r => Assert.True(r.Cards == 0 || r.Pool == 0));
    }

    [Fact]
    public void Allocate_MalformedJob_Throws()
    {
        var allocator = new ElasticAllocator(new ElasticAllocatorOptions());
        var result = new ElasticAssignment[1];

        Assert.Throws<ArgumentException>(() => allocator.Allocate([Job(1, 2, 9, s_linear, 1)], s_eight, result));
    }

    private static ElasticJob Job(long id, int min, int max, double[] throughput, double remaining, double[]? speeds = null) =>
        new(id, min, max, throughput, speeds ?? [], remaining, 0, -1, 0, false);

    private static (int Pool, int Cards)[] Allocate(ElasticJob[] jobs, ElasticPool[] pools, ElasticAllocatorOptions? options = null)
    {
        var allocator = new ElasticAllocator(options ?? new ElasticAllocatorOptions(RestartSeconds: 30));
        var result = new ElasticAssignment[jobs.Length];
        allocator.Allocate(jobs, pools, result);
        return [.. result.Select(r => (r.Pool, r.Cards))];
    }
}
