namespace Suanwang.Storage.Tests;

public sealed class SqliteQuoteStoreTests(SqliteDatabases databases) : QuoteStoreContract(databases), IClassFixture<SqliteDatabases>;
