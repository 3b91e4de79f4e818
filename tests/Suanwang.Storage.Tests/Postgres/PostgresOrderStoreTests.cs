namespace Suanwang.Storage.Tests;

public sealed class PostgresOrderStoreTests(PostgresDatabases databases) : OrderStoreContract(databases), IClassFixture<PostgresDatabases>;
