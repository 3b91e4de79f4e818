namespace Suanwang.Core.Errors;

/// <summary>One problem in user input, located by source (file or request), line and field.</summary>
/// <param name="Source">The file path or request name the input came from.</param>
/// <param name="Line">1-based line, or 0 when the input has no lines.</param>
/// <param name="Field">The field path, for example <c>sites[2].pools[0].model</c>; empty for the whole input.</param>
/// <param name="Message">What is wrong, in words a user can act on.</param>
public sealed record InputError(string Source, int Line, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line > 0 ? $"{Source}:{Line}" : Source;

        // A command-line flag is both the source and the field ("--policy"); name it once.
        return Field.Length > 0 && Field != Source ? $"{where}: {Field}: {Message}" : $"{where}: {Message}";
    }
}
