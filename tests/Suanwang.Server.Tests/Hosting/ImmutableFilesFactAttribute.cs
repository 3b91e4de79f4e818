namespace Suanwang.Server.Tests.Hosting;

/// <summary>A fact that needs <see cref="ImmutableFiles"/>: skipped, saying why, where files cannot be made immutable.</summary>
public sealed class ImmutableFilesFactAttribute : FactAttribute
{
    public ImmutableFilesFactAttribute()
    {
        if (ImmutableFiles.Unsupported is { } reason)
        {
            Skip = reason;
        }
    }
}
