namespace Suanwang.Storage.Tests;

public sealed class PostgresQuoteStoreTests(PostgresDatabases databases) : QuoteStoreContract(databases), IClassFixture<PostgresDatabases>;
