namespace Suanwang.Storage.Tests;

public sealed class SqliteJobStoreTests(SqliteDatabases databases) : JobStoreContract(databases), IClassFixture<SqliteDatabases>;
