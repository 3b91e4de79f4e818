namespace Suanwang.Agent.Server;

/// <summary>The server could not be reached or answered with a transient error; the call may be repeated later.</summary>
public sealed class ServerUnavailableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ServerUnavailableException()
        : base("the server is unavailable")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ServerUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ServerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
