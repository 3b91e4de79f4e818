namespace Suanwang.Bench.Common;

/// <summary>Finds the repository's example files and the shared traces folder.</summary>
public static class RepoPaths
{
    public const string TracesVariable = "SUANWANG_TRACES";

    /// <summary>The repository root: the first folder holding Suanwang.slnx, from the working directory, then from the binary.</summary>
    public static string Root { get; } = FindUp(Directory.GetCurrentDirectory(), "Suanwang.slnx")
        ?? FindUp(AppContext.BaseDirectory, "Suanwang.slnx")
        ?? throw new InvalidOperationException("cannot find Suanwang.slnx above the working directory or the binary");

    public static string PhillyNetwork => Path.Combine(Root, "examples", "networks", "philly-15.yaml");

    /// <summary>The traces folder: SUANWANG_TRACES, else shared/traces in or above the repository (as the tests look for it).</summary>
    public static string Traces()
    {
        var configured = Environment.GetEnvironmentVariable(TracesVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? configured : throw new InvalidOperationException($"{TracesVariable}={configured} is not a folder");
        }

        for (var dir = new DirectoryInfo(Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "traces");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"no shared/traces folder above {Root}; set {TracesVariable} or pass the trace path");
    }

    private static string? FindUp(string start, string marker)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
