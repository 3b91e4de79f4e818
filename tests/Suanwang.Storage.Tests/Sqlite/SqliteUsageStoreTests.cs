namespace Suanwang.Storage.Tests;

public sealed class SqliteUsageStoreTests(SqliteDatabases databases) : UsageStoreContract(databases), IClassFixture<SqliteDatabases>;
