namespace Suanwang.Agent.Tests.Fakes;

/// <summary>A fresh folder under the temp folder, removed with its contents at the end of the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("suanwang-agent-").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A job still writing its log; the temp folder is cleaned by the system in the end.
        }
    }
}
