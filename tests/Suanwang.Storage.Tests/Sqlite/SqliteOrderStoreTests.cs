namespace Suanwang.Storage.Tests;

public sealed class SqliteOrderStoreTests(SqliteDatabases databases) : OrderStoreContract(databases), IClassFixture<SqliteDatabases>;
