using System.Globalization;
using System.Text;
using Suanwang.Client;

namespace Suanwang.Cli.Client;

/// <summary>How the CLI shows a failed request: one line that reads like its other input errors.</summary>
internal static class ProblemText
{
    /// <summary>
    /// "file:line: field: title: detail" for an error answer, the balance line for a 402 shortfall, and
    /// the exception's own message when the server was not reached or its answer could not be read.
    /// </summary>
    public static string Describe(ApiException problem)
    {
        if (BalanceShortfall.Of(problem) is { } shortfall)
        {
            return shortfall.Describe();
        }

        if (problem.Status is not { } status)
        {
            return problem.Message;
        }

        var text = new StringBuilder();
        if (problem.SourceFile is not null)
        {
            text.Append(problem.SourceFile);
            if (problem.Line is > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $":{problem.Line}");
            }

            text.Append(": ");
        }
        else if (problem.Line is > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"line {problem.Line}: ");
        }

        if (problem.Field is not null)
        {
            text.Append(problem.Field).Append(": ");
        }

        var title = problem.Title ?? problem.ReasonPhrase;
        text.Append(string.IsNullOrEmpty(title) ? $"HTTP {status.ToString(CultureInfo.InvariantCulture)}" : title);
        var detail = problem.Detail ?? NoRoute(status, problem.Path);
        if (!string.IsNullOrEmpty(detail))
        {
            text.Append(": ").Append(detail.ReplaceLineEndings(" "));
        }

        return text.ToString();
    }

    /// <summary>
    /// The same problem with its field renamed to the command-line flag that carried it (the server
    /// names query parameters, <c>min_memory_gib</c>; the user typed <c>--min-memory</c>).
    /// </summary>
    public static ApiException ForFlags(this ApiException problem, IReadOnlyDictionary<string, string> flags) =>
        problem.Field is not null && flags.TryGetValue(problem.Field, out var flag) ? problem.WithField(flag) : problem;

    // A 404 without details is a route the server does not have (a server older than this client);
    // a missing job or order comes with a detail naming it.
    private static string? NoRoute(int status, string path) =>
        status == 404 ? $"the server has no /{path.Split('?')[0]}; it may be older than this client" : null;
}
