namespace Suanwang.Storage.Tests;

public sealed class PostgresJobStoreTests(PostgresDatabases databases) : JobStoreContract(databases), IClassFixture<PostgresDatabases>;
