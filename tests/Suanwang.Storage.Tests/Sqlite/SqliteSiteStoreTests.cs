namespace Suanwang.Storage.Tests;

public sealed class SqliteSiteStoreTests(SqliteDatabases databases) : SiteStoreContract(databases), IClassFixture<SqliteDatabases>;
