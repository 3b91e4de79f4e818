using System.Diagnostics;

namespace Suanwang.Server.Tests.Hosting;

/// <summary>
/// Files made immutable with <c>chattr +i</c>: writes to them fail even for root and even through
/// descriptors opened before, which read-only permissions do not achieve. Undone on dispose.
/// </summary>
public sealed class ImmutableFiles : IDisposable
{
    private readonly string[] _paths;

    private ImmutableFiles(string[] paths)
    {
        _paths = paths;
    }

    /// <summary>Why this machine cannot make files immutable (no chattr, not root, a file system without the flag); null when it can.</summary>
    public static string? Unsupported { get; } = Probe();

    /// <summary>Makes the files immutable.</summary>
    public static ImmutableFiles Make(params string[] paths)
    {
        var made = new ImmutableFiles(paths);
        Assert.Equal(0, Chattr("+i", paths));
        return made;
    }

    /// <summary>Makes the files writable again.</summary>
    public void Dispose() => Chattr("-i", _paths);

    private static string? Probe()
    {
        var path = Path.Combine(Path.GetTempPath(), "suanwang-chattr-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "probe");
        try
        {
            if (Chattr("+i", path) != 0)
            {
                return "chattr +i fails here (not root, or a file system without the immutable flag)";
            }

            Chattr("-i", path);
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "chattr is not installed";
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int Chattr(string flag, params string[] paths)
    {
        var info = new ProcessStartInfo("chattr") { RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(flag);
        foreach (var path in paths)
        {
            info.ArgumentList.Add(path);
        }

        using var process = Process.Start(info)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
