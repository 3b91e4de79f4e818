namespace Suanwang.Storage.Tests;

public sealed class PostgresStoreLifetimeTests(PostgresDatabases databases) : StoreLifetimeContract(databases), IClassFixture<PostgresDatabases>;
