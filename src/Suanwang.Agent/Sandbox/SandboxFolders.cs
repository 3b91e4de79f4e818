namespace Suanwang.Agent.Sandbox;

/// <summary>Folders only their owner may enter: the data folder, the agent's work folder.</summary>
public static class SandboxFolders
{
    /// <summary>Creates <paramref name="folder"/> if missing and makes it mode 0700, even when it existed with a wider mode.</summary>
    public static void CreatePrivate(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(folder, Private);
        File.SetUnixFileMode(folder, Private);
    }
}
