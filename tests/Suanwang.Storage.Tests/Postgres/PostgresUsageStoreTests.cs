namespace Suanwang.Storage.Tests;

public sealed class PostgresUsageStoreTests(PostgresDatabases databases) : UsageStoreContract(databases), IClassFixture<PostgresDatabases>;
