namespace Suanwang.Storage.Tests;

public sealed class SqliteLedgerStoreTests(SqliteDatabases databases) : LedgerStoreContract(databases), IClassFixture<SqliteDatabases>;
