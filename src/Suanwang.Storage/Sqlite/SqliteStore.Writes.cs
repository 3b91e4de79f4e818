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

    // Runs on the group-commit loop, the only user of _writer.
    private Task CommitAsync(IReadOnlyList<SqliteWrite> batch)
    {
        try
        {
            RunInTransaction(batch);
        }
#pragma warning disable CA1031 // Any error of the batch goes to its callers, one by one.
        catch (Exception error)
#pragma warning restore CA1031
        {
            if (batch.Count == 1 || !FailsAlone(error))
            {
                foreach (var write in batch)
                {
                    write.Fail(error);
                }

                return Task.CompletedTask;
            }

            // One bad write (a duplicate key, say) must not fail the others: each runs alone.
            foreach (var write in batch)
            {
                try
                {
                    RunInTransaction([write]);
                    write.Complete();
                }
#pragma warning disable CA1031
                catch (Exception alone)
#pragma warning restore CA1031
                {
                    write.Fail(alone);
                }
            }

            return Task.CompletedTask;
        }

        foreach (var write in batch)
        {
            write.Complete();
        }

        return Task.CompletedTask;
    }

    // A busy, full or broken database fails every write the same way: retrying them one by one
    // would only make each caller wait for the same error again.
    private static bool FailsAlone(Exception error) =>
        error is not SqliteException sqlite || sqlite.SqliteErrorCode is SqliteError or SqliteTooBig or SqliteConstraint or SqliteMismatch or SqliteRange;

    private void RunInTransaction(IReadOnlyList<SqliteWrite> writes)
    {
        _writer.Begin();
        try
        {
            foreach (var write in writes)
            {
                write.Execute(_writer);
            }

            _writer.Commit();
        }
        catch
        {
            _writer.Rollback();
            throw;
        }
    }
}
