namespace Suanwang.Cli.Client;

/// <summary>Where <c>suanwang up</c> keeps its database, agent work folder and <c>client.json</c>.</summary>
internal static class DataFolder
{
    /// <summary>The folder name under the user's home.</summary>
    public const string Name = ".suanwang";

    /// <summary>The environment variable that names the folder when <c>--data</c> does not.</summary>
    public const string EnvironmentVariable = "SUANWANG_DATA";

    /// <summary>
    /// <c>~/.suanwang</c>: one per user, so the client commands find the server from any folder.
    /// <paramref name="given"/> (from <c>--data</c>) wins when present, then <c>SUANWANG_DATA</c>.
    /// </summary>
    public static string Resolve(string? given) => Resolve(given, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The folder from the flag, else the environment's value, else the default.</summary>
    public static string Resolve(string? given, string? environment) =>
        Path.GetFullPath(
            !string.IsNullOrWhiteSpace(given) ? given
            : !string.IsNullOrWhiteSpace(environment) ? environment
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), Name));
}
