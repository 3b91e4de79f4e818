namespace Suanwang.Storage.Health;

/// <summary>
/// The database cannot take the operation for a reason of its own, not of the request: it is
/// read-only, full, locked by another process, or out of reach. Trying again later may succeed.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>An exception with no reason given.</summary>
    public StoreUnavailableException()
        : this("the database is unavailable")
    {
    }

    /// <summary>An exception with the reason, for example "the database is read-only".</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with the reason and the driver's error behind it.</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
