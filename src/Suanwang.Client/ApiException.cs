using System.Globalization;

namespace Suanwang.Client;

/// <summary>
/// A request that failed: the server was not reached, answered with an error (its problem details in
/// <see cref="Title"/>, <see cref="Detail"/>, <see cref="Field"/>, <see cref="Line"/>), or answered with
/// a body this client cannot read. <see cref="IsUnavailable"/> says whether trying again later may help.
/// </summary>
public sealed class ApiException : Exception
{
    private static readonly Dictionary<string, string> s_none = [];

    /// <summary>Creates the exception with a default message.</summary>
    public ApiException()
        : this("the request to the server failed")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ApiException(string message)
        : base(message)
    {
        Method = "";
        Path = "";
        Extensions = s_none;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "";
        Path = "";
        Extensions = s_none;
    }

    /// <summary>Creates the exception for an error answer with <paramref name="status"/> (a fake server's, say).</summary>
    public ApiException(int status, string message)
        : this(message)
    {
        Status = status;
        IsUnavailable = IsTransient(status);
    }

    private ApiException(ApiException from, string? field, string? source)
        : base(from.Message, from.InnerException)
    {
        (Server, Method, Path, Status, ReasonPhrase, Title, Detail, Line, Extensions, IsUnavailable) =
            (from.Server, from.Method, from.Path, from.Status, from.ReasonPhrase, from.Title, from.Detail, from.Line, from.Extensions, from.IsUnavailable);
        Field = field;
        SourceFile = source;
    }

    private ApiException(string message, Exception? innerException, Uri server, HttpMethod method, string path)
        : base(message, innerException)
    {
        Server = server;
        Method = method.Method;
        Path = path;
        Extensions = s_none;
    }

    /// <summary>The server's URL, or null when the exception was not raised by <see cref="ApiClient"/>.</summary>
    public Uri? Server { get; }

    /// <summary>The request's method (GET, POST, ...).</summary>
    public string Method { get; }

    /// <summary>The request's path and query, relative to the server's URL.</summary>
    public string Path { get; }

    /// <summary>The HTTP status of an error answer; null when the server was not reached or its answer could not be read.</summary>
    public int? Status { get; private init; }

    /// <summary>The status line's reason phrase ("Bad Request").</summary>
    public string? ReasonPhrase { get; private init; }

    /// <summary>The problem's title.</summary>
    public string? Title { get; private init; }

    /// <summary>The problem's detail, or a short body that was not problem+json.</summary>
    public string? Detail { get; private init; }

    /// <summary>The field at fault, when the problem names one.</summary>
    public string? Field { get; private init; }

    /// <summary>The line of the request body at fault, when the problem names one.</summary>
    public int? Line { get; private init; }

    /// <summary>The problem's other string members (a 402's <c>available</c>, <c>required</c>, <c>currency</c>).</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; private init; }

    /// <summary>The file the request body came from, once a caller has said so with <see cref="From"/>.</summary>
    public string? SourceFile { get; }

    /// <summary>
    /// True when the server could not be reached or answered 408, 429 or 5xx (a restarting server or a
    /// proxy in front of it): the same request may succeed later.
    /// </summary>
    public bool IsUnavailable { get; private init; }

    /// <summary>True for a 4xx answer: the request, its key or its body is at fault.</summary>
    public bool IsUserError => Status is >= 400 and < 500;

    /// <summary>The same problem, located in the file the request body came from.</summary>
    public ApiException From(string source) => Status is null ? this : new ApiException(this, Field, source);

    /// <summary>The same problem with its field renamed (to the command-line flag that carried it, say).</summary>
    public ApiException WithField(string field) => Status is null ? this : new ApiException(this, field, null);

    /// <summary>An exception saying the server could not be reached (a fake server's, say): <see cref="IsUnavailable"/> is true.</summary>
    public static ApiException Unreachable(string message) => new(message) { IsUnavailable = true };

    /// <summary>The server could not be reached, or did not answer in time.</summary>
    internal static ApiException Unreachable(Uri server, HttpMethod method, string path, string reason, Exception cause) =>
        new($"cannot reach the server at {server}: {reason}", cause, server, method, path) { IsUnavailable = true };

    /// <summary>The server answered with a success whose body this client cannot read.</summary>
    internal static ApiException BadAnswer(Uri server, HttpMethod method, string path, string what, Exception? cause) =>
        new($"the server at {server} answered {path} with {what}", cause, server, method, path);

    /// <summary>The server answered with an error status.</summary>
    internal static ApiException Refused(Uri server, HttpMethod method, Uri uri, string path, int status, string? reason, Problem problem)
    {
        var explanation = problem.Detail ?? problem.Title;
        var message = string.Create(CultureInfo.InvariantCulture, $"{method} {uri}: {status} {reason}{(string.IsNullOrEmpty(explanation) ? "" : ": " + explanation)}");
        return new ApiException(message, null, server, method, path)
        {
            Status = status,
            ReasonPhrase = reason,
            Title = problem.Title,
            Detail = problem.Detail,
            Field = problem.Field,
            Line = problem.Line,
            Extensions = problem.Extensions,
            IsUnavailable = IsTransient(status),
        };
    }

    // 408, 429 and 5xx pass: a restarting server or a proxy in front of it answers with them.
    private static bool IsTransient(int status) => status is >= 500 or 408 or 429;
}
