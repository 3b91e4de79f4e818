namespace Suanwang.Storage.Tests;

public sealed class PostgresTokenStoreTests(PostgresDatabases databases) : TokenStoreContract(databases), IClassFixture<PostgresDatabases>;
