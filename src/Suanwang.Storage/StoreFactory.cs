using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Suanwang.Core.Errors;
using Suanwang.Storage.Postgres;
using Suanwang.Storage.Sqlite;

namespace Suanwang.Storage;

/// <summary>Chooses the store from the <c>--db</c> option.</summary>
public static class StoreFactory
{
    private const string Field = "--db";

    /// <summary>
    /// Opens the store, not yet migrated: nothing or empty → SQLite in <c>&lt;dataFolder&gt;/suanwang.db</c>;
    /// a connection string with <c>Host=</c> → PostgreSQL; one with <c>Data Source=</c> → that SQLite file.
    /// </summary>
    /// <exception cref="InputException">The connection string is not one of these.</exception>
    public static IStore Open(string? connectionString, string dataFolder)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return SqliteStore.InDataFolder(dataFolder);
        }

        var keys = new DbConnectionStringBuilder();
        try
        {
            keys.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            throw Invalid("is not a connection string of key=value pairs separated by ';'");
        }

        if (keys.ContainsKey("Host") || keys.ContainsKey("Server"))
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (Exception error) when (error is ArgumentException or FormatException or InvalidCastException)
            {
                throw Invalid($"is not a valid PostgreSQL connection string: {error.Message}");
            }

            return new PostgresStore(connectionString);
        }

        if (keys.ContainsKey("Data Source") || keys.ContainsKey("DataSource") || keys.ContainsKey("Filename"))
        {
            try
            {
                return new SqliteStore(connectionString);
            }
            catch (Exception error) when (error is ArgumentException or FormatException or SqliteException or IOException or UnauthorizedAccessException)
            {
                throw Invalid($"cannot open the SQLite database: {error.Message}");
            }
        }

        throw Invalid("names no database: use Host=...;Username=...;Database=... for PostgreSQL, Data Source=<file> for SQLite, or leave it out for a SQLite file in the data folder");
    }

    // The connection string may hold a password, so the message never repeats it.
    private static InputException Invalid(string problem) => new(Field, 0, Field, $"the connection string {problem}");
}
