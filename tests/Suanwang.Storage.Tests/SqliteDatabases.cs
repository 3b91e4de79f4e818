using System.Runtime.CompilerServices;
using Suanwang.Storage.Sqlite;

namespace Suanwang.Storage.Tests;

/// <summary>A temporary folder per test, each holding that test's SQLite database; all deleted afterwards.</summary>
public sealed class SqliteDatabases : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "suanwang-storage-tests", Guid.NewGuid().ToString("N"));
    private readonly ConditionalWeakTable<object, string> _folders = [];

    /// <summary>The data folder of <paramref name="test"/>, the same on every call for that test.</summary>
    public string FolderOf(object test) => _folders.GetValue(test, _ => Path.Combine(_root, Guid.NewGuid().ToString("N")));

    /// <summary>A store over the database of <paramref name="test"/>.</summary>
    public Task<IStore> OpenAsync(object test) => Task.FromResult<IStore>(SqliteStore.InDataFolder(FolderOf(test)));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
