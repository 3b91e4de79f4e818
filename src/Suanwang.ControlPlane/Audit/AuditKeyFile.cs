namespace Suanwang.ControlPlane.Audit;

/// <summary>
/// The log's signing key in a file of its own: 32 raw bytes of an Ed25519 private key, readable
/// and writable by its owner only (mode 0600). A store that already holds a key (a log started
/// before the file) has it copied into the file, so the log keeps its key.
/// </summary>
public static class AuditKeyFile
{
    private const int KeyBytes = 32;

    /// <summary>The key in <paramref name="path"/>; null when there is no such file.</summary>
    /// <exception cref="InvalidOperationException">The file is not 32 bytes, or others than its owner may read or write it.</exception>
    public static byte[]? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidOperationException($"the audit signing key file {path} may be read or written by others than its owner; make it mode 0600 (chmod 600)");
        }

        var key = File.ReadAllBytes(path);
        return key.Length == KeyBytes
            ? key
            : throw new InvalidOperationException($"the audit signing key file {path} holds {key.Length} bytes, not a {KeyBytes}-byte Ed25519 private key");
    }

    /// <summary>Writes <paramref name="key"/> to <paramref name="path"/> (mode 0600, durable before it appears); the file already there when another process was first.</summary>
    public static byte[] Create(string path, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var file = new FileStream(temporary, options))
            {
                file.Write(key);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Read(path)!;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
