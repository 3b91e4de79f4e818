namespace Suanwang.Cli.Tests;

/// <summary>A fresh empty folder under the system temp folder, deleted on dispose.</summary>
internal sealed class Scratch : IDisposable
{
    public Scratch() => Path = Directory.CreateTempSubdirectory("suanwang-cli-").FullName;

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to a file in the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public string[] Entries() => Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
