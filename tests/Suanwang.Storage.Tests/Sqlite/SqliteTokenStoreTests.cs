namespace Suanwang.Storage.Tests;

public sealed class SqliteTokenStoreTests(SqliteDatabases databases) : TokenStoreContract(databases), IClassFixture<SqliteDatabases>;
