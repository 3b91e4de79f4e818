using Microsoft.Data.Sqlite;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    // SQLite result codes of errors that belong to one statement rather than to the database.
    private const int SqliteError = 1;
    private const int SqliteTooBig = 18;
    private const int SqliteConstraint = 19;
    private const int SqliteMismatch = 20;
    private const int SqliteRange = 25;

    // A busy, full or broken database fails every write the same way: retrying them one by one
    // would only make each caller wait for the same error again.
    private static bool FailsAlone(Exception error) =>
        error is not SqliteException sqlite || sqlite.SqliteErrorCode is SqliteError or SqliteTooBig or SqliteConstraint or SqliteMismatch or SqliteRange;

    // Runs on the group-commit loop, the only user of _writer.
    private Task RunInTransactionAsync(IReadOnlyList<SqliteWrite> writes)
    {
        _writer.Begin();
        try
        {
            foreach (var write in writes)
            {
                write.Execute(_writer);
            }

            _writer.Commit();
            return Task.CompletedTask;
        }
        catch
        {
            _writer.Rollback();
            throw;
        }
    }
}
