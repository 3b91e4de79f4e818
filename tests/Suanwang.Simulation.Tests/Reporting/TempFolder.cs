namespace Suanwang.Simulation.Tests.Reporting;

/// <summary>A fresh empty folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("suanwang-report-").FullName;

    public string Path { get; }

    public string[] Entries() => Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
