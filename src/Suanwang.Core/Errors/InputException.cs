namespace Suanwang.Core.Errors;

/// <summary>Thrown by readers when user input is invalid; carries the located <see cref="InputError"/>.</summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception for one located error.</summary>
    public InputException(InputError error)
        : base(error.ToString())
    {
        Error = error;
    }

    /// <summary>Creates the exception from its parts.</summary>
    public InputException(string source, int line, string field, string message)
        : this(new InputError(source, line, field, message))
    {
    }

    /// <summary>Parameterless constructor required by the exception pattern; prefer the located forms.</summary>
    public InputException()
        : this(new InputError("input", 0, "", "invalid input"))
    {
    }

    /// <summary>Creates the exception from a message only.</summary>
    public InputException(string message)
        : this(new InputError("input", 0, "", message))
    {
    }

    /// <summary>Wraps an inner exception with a message.</summary>
    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new InputError("input", 0, "", message);
    }

    /// <summary>The located error.</summary>
    public InputError Error { get; }
}
