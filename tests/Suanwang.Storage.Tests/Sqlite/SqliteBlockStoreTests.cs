namespace Suanwang.Storage.Tests;

public sealed class SqliteBlockStoreTests(SqliteDatabases databases) : BlockStoreContract(databases), IClassFixture<SqliteDatabases>;
