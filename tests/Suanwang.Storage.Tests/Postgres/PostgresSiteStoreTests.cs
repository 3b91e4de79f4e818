namespace Suanwang.Storage.Tests;

public sealed class PostgresSiteStoreTests(PostgresDatabases databases) : SiteStoreContract(databases), IClassFixture<PostgresDatabases>;
