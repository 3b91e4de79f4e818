namespace Suanwang.Simulation.Tests.Traces;

/// <summary>A fact about a whole public trace: not run (and reported as skipped, with why) when only the samples are present.</summary>
public sealed class FullTracesFactAttribute : FactAttribute
{
    /// <summary>Marks the test.</summary>
    public FullTracesFactAttribute()
    {
        if (!TracePaths.Full)
        {
            Skip = TracePaths.NotFound;
        }
    }
}
