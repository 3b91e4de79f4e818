namespace Suanwang.Portal.Tests.Bench;

/// <summary>A measurement, not a test: runs only with SUANWANG_PORTAL_BENCH=1 and reports figures without asserting on speed.</summary>
public sealed class BenchFactAttribute : FactAttribute
{
    /// <summary>Marks the measurement.</summary>
    public BenchFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SUANWANG_PORTAL_BENCH") != "1")
        {
            Skip = "a measurement: set SUANWANG_PORTAL_BENCH=1 to run it";
        }
    }
}
