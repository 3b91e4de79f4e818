namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>
    /// The lease is an exclusive lock on a file next to the database (<c>suanwang.db.scheduler-lock</c>),
    /// so two processes on one database file cannot both schedule. The operating system drops the
    /// lock when the process dies.
    /// </summary>
    public Task<ISchedulerLease?> TryAcquireSchedulerLeaseAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        FileStream file;
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix and a share-mode lock on Windows.
            file = new FileStream(DatabasePath + ".scheduler-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return Task.FromResult<ISchedulerLease?>(null);
        }

        return Task.FromResult<ISchedulerLease?>(new SqliteSchedulerLease(file));
    }
}
