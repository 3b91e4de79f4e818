namespace Suanwang.ControlPlane.Policy;

/// <summary>The exporter's counter changed between reading it and recording the decision made on it; decide again.</summary>
public sealed class CounterMovedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CounterMovedException()
        : base("the export counter changed while the decision was made")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CounterMovedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CounterMovedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
