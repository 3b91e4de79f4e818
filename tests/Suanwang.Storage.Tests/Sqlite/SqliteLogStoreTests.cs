namespace Suanwang.Storage.Tests;

public sealed class SqliteLogStoreTests(SqliteDatabases databases) : LogStoreContract(databases), IClassFixture<SqliteDatabases>;
