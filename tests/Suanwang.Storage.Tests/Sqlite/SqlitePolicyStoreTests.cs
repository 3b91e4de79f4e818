namespace Suanwang.Storage.Tests;

public sealed class SqlitePolicyStoreTests(SqliteDatabases databases) : PolicyStoreContract(databases), IClassFixture<SqliteDatabases>;
