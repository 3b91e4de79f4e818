using Microsoft.Data.Sqlite;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Sqlite;

namespace Suanwang.Server.Tests.Hosting;

/// <summary>
/// A real, migrated SQLite store in a temporary folder of its own, deleted with it: what server
/// tests run over, so they see exactly what the contract suites prove of the store.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string _folder;

    private TestStore(string folder, SqliteStore store)
    {
        _folder = folder;
        Store = store;
    }

    /// <summary>The store.</summary>
    public IStore Store { get; }

    /// <summary>The database file.</summary>
    public string DatabasePath => Path.Combine(_folder, SqliteStore.FileName);

    /// <summary>Opens and migrates a store in a new temporary folder.</summary>
    public static async Task<TestStore> OpenAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "suanwang-server-tests", Guid.NewGuid().ToString("N"));
        var store = SqliteStore.InDataFolder(folder);
        await store.MigrateAsync(CancellationToken.None);
        return new TestStore(folder, store);
    }

    /// <summary>How many placements the store has recorded, over all jobs: each successful PlaceAsync adds one "placed" event.</summary>
    public static async Task<int> PlacementsAsync(IStore store)
    {
        var placements = 0;
        foreach (var job in await store.ListJobsAsync(new JobQuery(Limit: 1000), CancellationToken.None))
        {
            placements += (await store.ListEventsAsync(job.Id, CancellationToken.None)).Count(e => e.Kind == "placed");
        }

        return placements;
    }

    /// <summary>
    /// Clears a job's recorded devices behind the store's back, as a database carried over from
    /// before devices were stored with the placement may hold them.
    /// </summary>
    public async Task ForgetDevicesAsync(long jobId)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE jobs SET devices = NULL WHERE id = $id";
        command.Parameters.AddWithValue("$id", jobId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Runs SQL on the database behind the store's back: how a test tampers with it.</summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Closes the store and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
