using System.Diagnostics;
using Suanwang.Bench.Common;

namespace Suanwang.Bench.Quotes;

/// <summary>
/// <c>quote</c>: latency of one quote (compile the job spec, filter, estimate starts, score, build
/// the best five options) over 1,000 and 10,000 loaded sites, one thread. Each quote is timed
/// on its own; p50, p99 and max are over every timed quote after a warm-up.
/// </summary>
public static class QuoteCommand
{
    public static readonly int[] Sizes = [1000, 10000];

    /// <summary>The p99 a quote should stay under at <see cref="TargetSites"/> sites.</summary>
    public const double TargetP99Milliseconds = 20;

    public const int TargetSites = 1000;

    private const double WarmSeconds = 1.0;
    private const double MeasureSeconds = 4.0;
    private const int MaxQuotes = 50_000;

    public static int Run(int? sites)
    {
        Console.WriteLine($"machine: {Machine.Current().Describe()}");
        Console.WriteLine("quote: RequestCompiler.Compile + Quoter.Quote (k=5), balanced weights, running jobs' ends from the Scheduler, one thread");
        var table = new MarkdownTable("sites", "pools", "running jobs", "busy", "quotes timed", "p50", "p99", "max", "mean", "B/quote", "options/quote", "options starting later");
        var missed = false;
        foreach (var n in sites is { } s ? [s] : Sizes)
        {
            var f = Measure(n);
            table.Add(
                Format.Count(f.Sites),
                Format.Count(f.Pools),
                Format.Count(f.RunningJobs),
                Format.Percent(f.Utilization),
                Format.Count(f.Quotes),
                Ms(f.P50),
                Ms(f.P99),
                Ms(f.Max),
                Ms(f.Mean),
                Format.Number(f.BytesPerQuote, "N0"),
                Format.Number(f.OptionsPerQuote, "0.00"),
                Format.Percent(f.LaterShare));
            Console.WriteLine($"  {n,6} sites: p50 {Ms(f.P50)}, p99 {Ms(f.P99)}, max {Ms(f.Max)} over {Format.Count(f.Quotes)} quotes");
            if (n == TargetSites)
            {
                missed = f.P99 * 1000 >= TargetP99Milliseconds;
                Console.WriteLine($"  target p99 < {TargetP99Milliseconds} ms at {Format.Count(TargetSites)} sites: {(missed ? "MISSED" : "met")}");
            }
        }

        Console.WriteLine();
        Console.WriteLine(table);
        return missed ? 1 : 0;
    }

    private static string Ms(double seconds) => Format.Number(seconds * 1000, "0.000") + " ms";

    private static QuoteFigures Measure(int sites)
    {
        var fixture = QuoteFixture.Create(sites);

        // Warm up until tiered compilation has settled on optimised code.
        var warm = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warm).TotalSeconds < WarmSeconds)
        {
            fixture.QuoteNext();
        }

        // Allocation on its own pass over the whole mix, so the timing loop's bookkeeping stays out of it.
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long options = 0;
        long later = 0;
        for (var i = 0; i < QuoteFixture.MixSize; i++)
        {
            foreach (var option in fixture.QuoteNext())
            {
                options++;
                later += option.StartSeconds > QuoteFixture.Now ? 1 : 0;
            }
        }

        var bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / QuoteFixture.MixSize;

        var times = new double[MaxQuotes];
        var n = 0;
        var start = Stopwatch.GetTimestamp();
        while (n < times.Length && Stopwatch.GetElapsedTime(start).TotalSeconds < MeasureSeconds)
        {
            var t0 = Stopwatch.GetTimestamp();
            fixture.QuoteNext();
            times[n++] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }

        var sorted = times[..n];
        Array.Sort(sorted);
        return new QuoteFigures(
            sites,
            fixture.State.PoolCount,
            fixture.RunningJobs,
            fixture.Utilization,
            n,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.99),
            sorted[^1],
            sorted.Average(),
            bytes,
            (double)options / QuoteFixture.MixSize,
            options == 0 ? 0 : (double)later / options);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
