namespace Suanwang.Cli.Client;

/// <summary>Where <c>suanwang up</c> keeps its database, agent work folder and <c>client.json</c>.</summary>
internal static class DataFolder
{
    /// <summary>The folder name under the user's home.</summary>
    public const string Name = ".suanwang";

    /// <summary>
    /// <c>~/.suanwang</c>: one per user, so the client commands find the server from any folder.
    /// <paramref name="given"/> (from <c>--data</c>) wins when present.
    /// </summary>
    public static string Resolve(string? given) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(given)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), Name)
            : given);
}
