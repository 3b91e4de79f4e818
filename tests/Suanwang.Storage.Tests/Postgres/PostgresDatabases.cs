using System.Runtime.CompilerServices;
using Npgsql;
using Suanwang.Storage.Postgres;

namespace Suanwang.Storage.Tests;

/// <summary>
/// A database per test class, dropped afterwards, and in it a schema per test. Advisory locks
/// are per database, so test runs sharing a server do not take each other's scheduler lease.
/// </summary>
public sealed class PostgresDatabases : IStoreDatabases, IAsyncLifetime
{
    private readonly ConditionalWeakTable<object, string> _schemas = [];
    private string _server = "";
    private string _database = "";

    /// <summary>Connection string of this class's database.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.ConnectionStringAsync();
        _database = "suanwang_t_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(_server, $"CREATE DATABASE {_database}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
    }

    /// <summary>A store over the schema of <paramref name="test"/>, created on the first call.</summary>
    public async Task<IStore> OpenAsync(object test)
    {
        await ExecuteAsync(ConnectionString, $"CREATE SCHEMA IF NOT EXISTS {SchemaOf(test)}");
        return new PostgresStore(ConnectionStringOf(test));
    }

    /// <summary>Runs SQL in the schema of <paramref name="test"/>.</summary>
    public Task ExecuteSqlAsync(object test, string sql) => ExecuteAsync(ConnectionStringOf(test), sql);

    /// <summary>A connection string that works in the schema of <paramref name="test"/>.</summary>
    public string ConnectionStringOf(object test) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = SchemaOf(test) }.ConnectionString;

    private string SchemaOf(object test) => _schemas.GetValue(test, _ => "s_" + Guid.NewGuid().ToString("N")[..16]);

    public async Task DisposeAsync()
    {
        if (_database.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }
    }

    /// <summary>Runs one statement on its own connection.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
