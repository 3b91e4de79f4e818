using System.Globalization;
using System.Text;

namespace Suanwang.Cli.Client;

/// <summary>A request the server refused (with its problem details) or could not be sent at all.</summary>
internal sealed class ClientException : Exception
{
    public ClientException(string message)
        : base(message)
    {
    }

    public ClientException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ClientException(int status, string? title, string? detail, string? field, int? line, string? source = null, BalanceShortfall? shortfall = null)
        : base(shortfall is null ? Describe(status, title, detail, field, line, source) : shortfall.Describe())
    {
        Status = status;
        Title = title;
        Detail = detail;
        Field = field;
        Line = line;
        Shortfall = shortfall;
    }

    /// <summary>The HTTP status, or null when the server was not reached.</summary>
    public int? Status { get; }

    /// <summary>The problem's title.</summary>
    public string? Title { get; }

    /// <summary>The problem's detail.</summary>
    public string? Detail { get; }

    /// <summary>The field at fault, when the problem names one.</summary>
    public string? Field { get; }

    /// <summary>The line of the request body at fault, when the problem names one.</summary>
    public int? Line { get; }

    /// <summary>For a 402 on an order: what the tenant has and what the order would hold.</summary>
    public BalanceShortfall? Shortfall { get; }

    /// <summary>True for a 4xx answer: the user's request, key or file is at fault.</summary>
    public bool IsUserError => Status is >= 400 and < 500;

    /// <summary>The same problem, located in the file the request body came from.</summary>
    public ClientException From(string source) => Status is { } status ? new ClientException(status, Title, Detail, Field, Line, source, Shortfall) : this;

    /// <summary>
    /// The same problem with its field renamed to the command-line flag that carried it (the server
    /// names query parameters, <c>min_memory_gib</c>; the user typed <c>--min-memory</c>).
    /// </summary>
    public ClientException ForFlags(IReadOnlyDictionary<string, string> flags) =>
        Status is { } status && Field is not null && flags.TryGetValue(Field, out var flag)
            ? new ClientException(status, Title, Detail, flag, Line, null, Shortfall)
            : this;

    // Reads like the CLI's other input errors: "file:line: field: message".
    private static string Describe(int status, string? title, string? detail, string? field, int? line, string? source)
    {
        var text = new StringBuilder();
        if (source is not null)
        {
            text.Append(source);
            if (line is > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $":{line}");
            }

            text.Append(": ");
        }
        else if (line is > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"line {line}: ");
        }

        if (field is not null)
        {
            text.Append(field).Append(": ");
        }

        text.Append(string.IsNullOrEmpty(title) ? $"HTTP {status.ToString(CultureInfo.InvariantCulture)}" : title);
        if (!string.IsNullOrEmpty(detail))
        {
            text.Append(": ").Append(detail.ReplaceLineEndings(" "));
        }

        return text.ToString();
    }
}
