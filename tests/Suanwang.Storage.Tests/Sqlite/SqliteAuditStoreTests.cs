namespace Suanwang.Storage.Tests;

public sealed class SqliteAuditStoreTests(SqliteDatabases databases) : AuditStoreContract(databases), IClassFixture<SqliteDatabases>;
