namespace Suanwang.Storage.Health;

/// <summary>
/// Whether the store's writes are getting through: degraded from a write failing for the
/// database's own sake (<see cref="StoreUnavailableException"/>) until a write commits again.
/// </summary>
public sealed class StoreHealth
{
    private readonly Lock _gate = new();
    private string? _problem;
    private DateTimeOffset? _since;

    /// <summary>Why writes fail, for example "the SQLite database is read-only"; null while they commit.</summary>
    public string? Problem
    {
        get
        {
            lock (_gate)
            {
                return _problem;
            }
        }
    }

    /// <summary>When writes began to fail; null while they commit.</summary>
    public DateTimeOffset? Since
    {
        get
        {
            lock (_gate)
            {
                return _since;
            }
        }
    }

    /// <summary>Records a write that committed: the store is healthy again.</summary>
    internal void Committed()
    {
        lock (_gate)
        {
            _problem = null;
            _since = null;
        }
    }

    /// <summary>Records a write that failed; only the database's own failures degrade the store.</summary>
    internal void Failed(Exception error)
    {
        if (error is not StoreUnavailableException unavailable)
        {
            return;
        }

        lock (_gate)
        {
            _since ??= DateTimeOffset.UtcNow;
            _problem = unavailable.Message;
        }
    }
}
