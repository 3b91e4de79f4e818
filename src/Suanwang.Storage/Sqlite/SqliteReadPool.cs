using System.Collections.Concurrent;

namespace Suanwang.Storage.Sqlite;

/// <summary>Read connections, each used by one reader at a time; in WAL mode they never wait for the writer.</summary>
internal sealed class SqliteReadPool : IDisposable
{
    private readonly ConcurrentBag<SqliteSession> _idle = [];
    private readonly SemaphoreSlim _slots;
    private readonly string _connectionString;
    private volatile bool _disposed;

    /// <summary>A pool of at most <paramref name="size"/> connections, opened as needed.</summary>
    public SqliteReadPool(string connectionString, int size)
    {
        _connectionString = connectionString;
        _slots = new SemaphoreSlim(size, size);
    }

    /// <summary>Runs <paramref name="read"/> on a pooled connection.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteSession, T> read, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var session = _idle.TryTake(out var idle) ? idle : SqliteSession.Open(_connectionString);
            T result;
            try
            {
                result = read(session);
            }
            catch
            {
                // The connection may be left mid-statement; the next reader gets a fresh one.
                session.Dispose();
                throw;
            }

            if (_disposed)
            {
                session.Dispose();
            }
            else
            {
                _idle.Add(session);
            }

            return result;
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }

        _slots.Dispose();
    }
}
