namespace Suanwang.Storage.Tests;

public sealed class PostgresPolicyStoreTests(PostgresDatabases databases) : PolicyStoreContract(databases), IClassFixture<PostgresDatabases>;
