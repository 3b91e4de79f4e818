namespace Suanwang.Storage.Tests;

public sealed class SqliteStoreTests(SqliteDatabases databases) : StoreContract, IClassFixture<SqliteDatabases>
{
    protected override Task<IStore> CreateStoreAsync() => databases.OpenAsync(this);
}
