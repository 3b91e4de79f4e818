namespace Suanwang.Cli.Tests;

/// <summary>Files of the repository the tests run from: the solution folder found above the test's base directory.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Locate();

    public static string Network(string name) => Path.Combine(Root, "examples", "networks", name);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Suanwang.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Suanwang.slnx in or above {AppContext.BaseDirectory}");
    }
}
