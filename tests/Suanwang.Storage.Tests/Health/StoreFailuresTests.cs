using Microsoft.Data.Sqlite;
using Npgsql;
using Suanwang.Storage.Health;

namespace Suanwang.Storage.Tests.Health;

public sealed class StoreFailuresTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "suanwang-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Classify_SqlitesErrorForAWriteToAReadOnlyDatabase_IsUnavailable_NamingIt()
    {
        var error = await SqliteErrorAsync(SqliteOpenMode.ReadOnly, "CREATE TABLE probe (x INTEGER)");

        var unavailable = StoreFailures.Classify(error);

        Assert.Equal("the SQLite database is read-only", unavailable!.Message);
        Assert.Same(error, unavailable.InnerException);
    }

    [Fact]
    public async Task Classify_AFaultOfOneStatement_IsNotUnavailable()
    {
        var error = await SqliteErrorAsync(SqliteOpenMode.ReadWriteCreate, "SELECT * FROM no_such_table");

        Assert.Null(StoreFailures.Classify(error));
        Assert.Same(error, StoreFailures.Translate(error));
    }

    [Theory]
    [InlineData("25006", "the PostgreSQL database is read-only")]
    [InlineData("53100", "the disk of the PostgreSQL server is full")]
    [InlineData("08006", "the connection to the PostgreSQL server failed")]
    public void Classify_PostgresRefusingWrites_IsUnavailable(string sqlState, string reason)
    {
        var error = new PostgresException("refused", "ERROR", "ERROR", sqlState);

        Assert.Equal(reason, StoreFailures.Classify(error)!.Message);
    }

    [Fact]
    public void Classify_PostgresConstraintOrAnUnreachableServer_TellsThemApart()
    {
        Assert.Null(StoreFailures.Classify(new PostgresException("duplicate", "ERROR", "ERROR", "23505")));
        Assert.Equal("the PostgreSQL server cannot be reached", StoreFailures.Classify(new NpgsqlException("Failed to connect"))!.Message);
    }

    private async Task<SqliteException> SqliteErrorAsync(SqliteOpenMode mode, string sql)
    {
        var path = Path.Combine(_folder, "probe.db");
        Directory.CreateDirectory(_folder);
        await using (var create = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await create.OpenAsync();
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
    }
}
