using Suanwang.Core.Errors;
using Suanwang.Storage.Sqlite;

namespace Suanwang.Storage.Tests;

public sealed class StoreFactoryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "suanwang-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Open_NoConnectionString_IsSqliteInTheDataFolder(string? connectionString)
    {
        await using var store = StoreFactory.Open(connectionString, _folder);

        Assert.Equal("sqlite", store.Dialect);
        Assert.Equal(Path.Combine(_folder, "suanwang.db"), ((SqliteStore)store).DatabasePath);
        Assert.True(File.Exists(Path.Combine(_folder, "suanwang.db")));
    }

    [Fact]
    public async Task Open_DataSource_IsSqliteAtThatFile()
    {
        var file = Path.Combine(_folder, "elsewhere", "state.db");

        await using var store = StoreFactory.Open($"Data Source={file}", _folder);

        Assert.Equal(file, ((SqliteStore)store).DatabasePath);
    }

    [Theory]
    [InlineData("Host=db.example;Username=suanwang;Database=suanwang")]
    [InlineData("Username=suanwang; Host = 10.0.0.5; Port=6432")]
    public async Task Open_HostConnectionString_IsPostgresWithoutConnectingYet(string connectionString)
    {
        await using var store = StoreFactory.Open(connectionString, _folder);

        Assert.Equal("postgres", store.Dialect);
    }

    [Theory]
    [InlineData("postgres://user@host/db")]
    [InlineData("Host=db;Bogus=1")]
    [InlineData("Host=db;Port=not-a-number")]
    [InlineData("Host=db;Password='unclosed")]
    [InlineData("Mode=Memory")]
    public void Open_BadConnectionString_IsAnInputErrorOnDb(string connectionString)
    {
        var error = Assert.Throws<InputException>(() => StoreFactory.Open(connectionString, _folder));

        Assert.Equal("--db", error.Error.Field);
        Assert.StartsWith("the connection string", error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_BadConnectionString_DoesNotRepeatThePassword()
    {
        var error = Assert.Throws<InputException>(() => StoreFactory.Open("Host=db;Password=hunter2;Bogus=1", _folder));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
