using Suanwang.Core.Errors;

namespace Suanwang.Cli.Commands;

/// <summary>A job spec file as <c>submit</c>, <c>quote</c> and <c>order</c> send it: YAML, or JSON when it ends in <c>.json</c>.</summary>
internal static class SpecFile
{
    /// <summary>The file's text and whether it is JSON; an unreadable file is the user's error, naming the file.</summary>
    public static async Task<(string Text, bool Json)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            return (text, path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, 0, "", $"cannot read the job file: {e.Message}");
        }
    }
}
