namespace Suanwang.Storage.Tests;

public sealed class PostgresBlockStoreTests(PostgresDatabases databases) : BlockStoreContract(databases), IClassFixture<PostgresDatabases>;
