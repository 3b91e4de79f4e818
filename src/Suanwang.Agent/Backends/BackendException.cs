namespace Suanwang.Agent.Backends;

/// <summary>The backend could not start a job (sbatch refused it, the command could not be spawned).</summary>
public sealed class BackendException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public BackendException()
        : base("the backend could not start the job")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BackendException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public BackendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
