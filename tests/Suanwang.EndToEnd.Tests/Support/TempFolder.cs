namespace Suanwang.EndToEnd.Tests.Support;

/// <summary>A fresh empty folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "suanwang-e2e-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A job still writing into its folder; the temp folder is cleaned up by the system.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
