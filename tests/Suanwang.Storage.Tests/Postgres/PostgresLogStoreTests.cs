namespace Suanwang.Storage.Tests;

public sealed class PostgresLogStoreTests(PostgresDatabases databases) : LogStoreContract(databases), IClassFixture<PostgresDatabases>;
