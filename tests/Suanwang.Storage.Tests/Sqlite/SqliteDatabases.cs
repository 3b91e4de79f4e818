using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Suanwang.Storage.Sqlite;

namespace Suanwang.Storage.Tests;

/// <summary>A temporary folder per test, each holding that test's SQLite database; all deleted afterwards.</summary>
public sealed class SqliteDatabases : IStoreDatabases, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "suanwang-storage-tests", Guid.NewGuid().ToString("N"));
    private readonly ConditionalWeakTable<object, string> _folders = [];

    /// <summary>The data folder of <paramref name="test"/>, the same on every call for that test.</summary>
    public string FolderOf(object test) => _folders.GetValue(test, _ => Path.Combine(_root, Guid.NewGuid().ToString("N")));

    /// <summary>A store over the database of <paramref name="test"/>.</summary>
    public Task<IStore> OpenAsync(object test) => Task.FromResult<IStore>(SqliteStore.InDataFolder(FolderOf(test)));

    /// <summary>Runs SQL on the database of <paramref name="test"/> over a connection of its own.</summary>
    public async Task ExecuteSqlAsync(object test, string sql)
    {
        var file = Path.Combine(FolderOf(test), SqliteStore.FileName);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using (var wait = connection.CreateCommand())
        {
            wait.CommandText = "PRAGMA busy_timeout = 10000";
            await wait.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
