namespace Suanwang.Storage.Tests;

public sealed class SqliteTenantStoreTests(SqliteDatabases databases) : TenantStoreContract(databases), IClassFixture<SqliteDatabases>;
