using Microsoft.Data.Sqlite;
using Npgsql;

namespace Suanwang.Storage.Health;

/// <summary>
/// The one place that tells a database's own failure (read-only, full, locked, unreachable) from
/// a fault of one statement or a bug, for both drivers; callers see <see cref="StoreUnavailableException"/>.
/// </summary>
public static class StoreFailures
{
    // SQLite primary result codes (https://www.sqlite.org/rescode.html); extended codes keep them in the low byte.
    private const int SqlitePerm = 3;
    private const int SqliteBusy = 5;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoErr = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    /// <summary>
    /// The <see cref="StoreUnavailableException"/> <paramref name="error"/> amounts to, with a reason a
    /// user can read and the driver's error inside; null when it is not the database's own failure.
    /// </summary>
    public static StoreUnavailableException? Classify(Exception error) => error switch
    {
        StoreUnavailableException unavailable => unavailable,
        SqliteException sqlite when SqliteReason(sqlite) is { } reason => new StoreUnavailableException(reason, sqlite),
        PostgresException postgres when PostgresReason(postgres) is { } reason => new StoreUnavailableException(reason, postgres),
        PostgresException => null,
        // Npgsql's own exceptions that are not the server's answer: a refused or lost connection, a timeout.
        NpgsqlException npgsql => new StoreUnavailableException("the PostgreSQL server cannot be reached", npgsql),
        _ => null,
    };

    /// <summary><paramref name="error"/> as a <see cref="StoreUnavailableException"/> when it is one, otherwise itself.</summary>
    public static Exception Translate(Exception error) => Classify(error) ?? error;

    /// <summary>Awaits a read, its failure translated as <see cref="Translate"/> does.</summary>
    internal static async Task<T> TranslatedAsync<T>(Task<T> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (Exception error) when (Classify(error) is { } unavailable)
        {
            throw unavailable;
        }
    }

    private static string? SqliteReason(SqliteException error) => (error.SqliteErrorCode & 0xFF) switch
    {
        SqliteReadOnly => "the SQLite database is read-only",
        SqlitePerm => "the SQLite database may not be written (permission denied)",
        SqliteIoErr => "the SQLite database cannot be written (disk I/O error)",
        SqliteFull => "the disk holding the SQLite database is full",
        SqliteCantOpen => "the SQLite database file cannot be opened",
        SqliteBusy => "the SQLite database is locked by another process",
        _ => null,
    };

    // SQLSTATE codes from https://www.postgresql.org/docs/current/errcodes-appendix.html.
    private static string? PostgresReason(PostgresException error) => error.SqlState switch
    {
        "25006" => "the PostgreSQL database is read-only",
        "53100" => "the disk of the PostgreSQL server is full",
        "53200" => "the PostgreSQL server is out of memory",
        "53300" => "the PostgreSQL server has too many connections",
        "57P01" or "57P02" or "57P03" => "the PostgreSQL server is shutting down or starting up",
        "58030" => "the PostgreSQL server has a disk I/O error",
        { } state when state.StartsWith("08", StringComparison.Ordinal) => "the connection to the PostgreSQL server failed",
        _ => null,
    };
}
