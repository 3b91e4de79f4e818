namespace Suanwang.Storage.Tests;

public sealed class SqliteStoreLifetimeTests(SqliteDatabases databases) : StoreLifetimeContract(databases), IClassFixture<SqliteDatabases>;
