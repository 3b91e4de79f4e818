namespace Suanwang.Storage.Sqlite;

/// <summary>The scheduler lease of a SQLite store: an open, exclusively locked file.</summary>
internal sealed class SqliteSchedulerLease : ISchedulerLease
{
    private readonly FileStream _file;
    private int _disposed;

    /// <summary>Holds the lease for as long as <paramref name="file"/> stays open.</summary>
    public SqliteSchedulerLease(FileStream file)
    {
        _file = file;
    }

    /// <inheritdoc />
    public Task<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // A lock held through an open descriptor cannot be lost while the process lives.
        return Task.FromResult(Volatile.Read(ref _disposed) == 0);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // The file stays: deleting it could let two processes lock two different files.
            _file.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
