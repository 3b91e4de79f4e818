namespace Suanwang.Simulation.Tests.Traces;

/// <summary>A theory over whole public traces: not run (and reported as skipped, with why) when only the samples are present.</summary>
public sealed class FullTracesTheoryAttribute : TheoryAttribute
{
    /// <summary>Marks the test.</summary>
    public FullTracesTheoryAttribute()
    {
        if (!TracePaths.Full)
        {
            Skip = TracePaths.NotFound;
        }
    }
}
