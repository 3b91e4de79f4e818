namespace Suanwang.Storage.Tests;

public sealed class PostgresLedgerStoreTests(PostgresDatabases databases) : LedgerStoreContract(databases), IClassFixture<PostgresDatabases>;
