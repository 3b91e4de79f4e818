using System.Globalization;

namespace Suanwang.Cli.Client;

/// <summary>
/// One <c>suanwang up</c>'s exclusive hold on its data folder, for the life of the process: a lock
/// file opened with no sharing (an <c>flock</c> on Unix, which the system releases when the process
/// dies, even by SIGKILL) and the holder's pid beside it. Both files go when the hold is released.
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    /// <summary>The lock file's name in the data folder.</summary>
    public const string FileName = "up.lock";

    /// <summary>The name of the file holding the holder's process id.</summary>
    public const string PidFileName = "up.pid";

    private readonly FileStream _lock;
    private readonly string _pidPath;

    private DataFolderLock(FileStream held, string pidPath)
    {
        _lock = held;
        _pidPath = pidPath;
    }

    /// <summary>
    /// Takes the folder (which must exist), or returns null with <paramref name="refusal"/> saying,
    /// in one line, that another process holds it and which.
    /// </summary>
    public static DataFolderLock? TryAcquire(string folder, out string? refusal)
    {
        var pidPath = Path.Combine(folder, PidFileName);
        FileStream held;
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                Options = FileOptions.DeleteOnClose,
            };
            held = new FileStream(Path.Combine(folder, FileName), options);
        }
        catch (IOException)
        {
            var holder = Holder(pidPath);
            refusal = $"the data folder {folder} is in use by another suanwang up ({holder}); stop it first, or give another --data";
            return null;
        }

        File.WriteAllText(pidPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        refusal = null;
        return new DataFolderLock(held, pidPath);
    }

    /// <summary>Removes the pid file, then releases the lock, which removes the lock file.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_pidPath);
        }
        catch (IOException)
        {
            // The lock matters, not the note: a stale pid file is rewritten by the next holder.
        }

        _lock.Dispose();
    }

    // The pid is written a moment after the lock is taken; a holder caught in between has none yet.
    private static string Holder(string pidPath)
    {
        try
        {
            var text = File.ReadAllText(pidPath).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? $"pid {pid}" : "pid unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "pid unknown";
        }
    }
}
