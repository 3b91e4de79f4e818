namespace Suanwang.Testing;

/// <summary>A test that loads the tiny model: not run (and reported as skipped, with why) when the model is absent.</summary>
public sealed class ModelFactAttribute : FactAttribute
{
    /// <summary>Marks the test.</summary>
    public ModelFactAttribute()
    {
        if (ModelPaths.Tiny is null)
        {
            Skip = ModelPaths.NotFound;
        }
    }
}
