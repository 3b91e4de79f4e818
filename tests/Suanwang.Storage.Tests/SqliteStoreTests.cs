using Microsoft.Data.Sqlite;
using Suanwang.Storage.Sqlite;

namespace Suanwang.Storage.Tests;

public sealed class SqliteStoreTests(SqliteDatabases databases) : StoreContract, IClassFixture<SqliteDatabases>
{
    protected override Task<IStore> CreateStoreAsync() => databases.OpenAsync(this);

    protected override async Task ExecuteSqlAsync(string sql)
    {
        var file = Path.Combine(databases.FolderOf(this), SqliteStore.FileName);
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
}
