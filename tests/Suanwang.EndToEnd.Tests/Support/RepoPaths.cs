namespace Suanwang.EndToEnd.Tests.Support;

/// <summary>The repository the tests run from, and the configuration they were built in.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Locate();

    /// <summary>Release or Debug: the folder above the target framework in the test's base directory.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>suanwang.dll as the build of this test project left it in the CLI's own output folder.</summary>
    public static string CliDll { get; } = Path.Combine(Root, "src", "Suanwang.Cli", "bin", Configuration, "net10.0", "suanwang.dll");

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
