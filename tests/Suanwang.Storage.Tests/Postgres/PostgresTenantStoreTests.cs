namespace Suanwang.Storage.Tests;

public sealed class PostgresTenantStoreTests(PostgresDatabases databases) : TenantStoreContract(databases), IClassFixture<PostgresDatabases>;
