namespace Suanwang.Agent.Server;

/// <summary>The server no longer accepts this agent's epoch (HTTP 409, or 404 for a site it forgot): register again.</summary>
public sealed class StaleEpochException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public StaleEpochException()
        : base("the agent's epoch is stale; register again")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StaleEpochException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StaleEpochException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
