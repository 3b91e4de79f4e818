namespace Suanwang.Inference.Generation;

/// <summary>Every slot is taken and the waiting queue is full.</summary>
public sealed class ServerBusyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServerBusyException()
        : base("the model server is at capacity and its queue is full; retry later")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ServerBusyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ServerBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
