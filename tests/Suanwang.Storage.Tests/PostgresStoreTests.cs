namespace Suanwang.Storage.Tests;

public sealed class PostgresStoreTests(PostgresDatabases databases) : StoreContract, IClassFixture<PostgresDatabases>
{
    protected override Task<IStore> CreateStoreAsync() => databases.OpenAsync(this);

    protected override Task ExecuteSqlAsync(string sql) => PostgresDatabases.ExecuteAsync(databases.ConnectionStringOf(this), sql);
}
