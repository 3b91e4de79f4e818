namespace Suanwang.Storage.Tests;

public sealed class PostgresAuditStoreTests(PostgresDatabases databases) : AuditStoreContract(databases), IClassFixture<PostgresDatabases>;
