namespace Suanwang.Agent.Server;

/// <summary>The server refused a call for a reason repeating it will not fix (invalid site, wrong key).</summary>
public sealed class ServerRejectedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ServerRejectedException()
        : base("the server rejected the call")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ServerRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ServerRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an HTTP status and the server's explanation.</summary>
    public ServerRejectedException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status code, or 0 when there was none.</summary>
    public int StatusCode { get; }
}
