using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Suanwang.ControlPlane.Admission;
using Suanwang.Core.Errors;

namespace Suanwang.Server.Http;

/// <summary>
/// Every RFC 9457 problem the API answers with, in one place. A problem about one field of the
/// request names it in the <c>field</c> extension (and <c>line</c> for YAML bodies).
/// </summary>
internal static class Problems
{
    /// <summary>A problem with a status, a short title, details and optionally the field at fault.</summary>
    public static ProblemHttpResult Of(int status, string title, string detail, string? field = null, int? line = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: Extensions(field, line));

    /// <summary>The problem for a use case's refusal, one status per kind, with its facts as extensions.</summary>
    public static ProblemHttpResult Refused(Refusal refusal)
    {
        var (status, title) = refusal.Kind switch
        {
            RefusalKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            RefusalKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            RefusalKind.OrderRequired => (StatusCodes.Status402PaymentRequired, "Order required"),
            RefusalKind.PaymentRequired => (StatusCodes.Status402PaymentRequired, "Balance too low"),
            RefusalKind.Unschedulable => (StatusCodes.Status422UnprocessableEntity, "Job cannot run on this network"),
            RefusalKind.Unprocessable => (StatusCodes.Status422UnprocessableEntity, "Unprocessable request"),
            RefusalKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            RefusalKind.Gone => (StatusCodes.Status410Gone, "Gone"),
            RefusalKind.LimitReached => (StatusCodes.Status429TooManyRequests, "Tenant limit reached"),
            _ => (StatusCodes.Status400BadRequest, "Invalid request"),
        };
        var extensions = Extensions(refusal.Field, refusal.Line);
        foreach (var (name, value) in refusal.Facts ?? new Dictionary<string, string>())
        {
            extensions[name] = value;
        }

        return TypedResults.Problem(refusal.Detail, statusCode: status, title: refusal.Title ?? title, extensions: extensions);
    }

    /// <summary>400 for input a reader rejected, naming its field and line.</summary>
    public static ProblemHttpResult Invalid(InputError error, string title = "Invalid request") =>
        Of(StatusCodes.Status400BadRequest, title, error.Message, error.Field, error.Line);

    /// <summary>400 for one bad field.</summary>
    public static ProblemHttpResult BadField(string field, string detail) =>
        Of(StatusCodes.Status400BadRequest, "Invalid request", detail, field);

    /// <summary>404 for a missing resource, or one the caller may not see.</summary>
    public static ProblemHttpResult NotFound(string what, string id) =>
        Of(StatusCodes.Status404NotFound, "Not found", $"{what} '{id}' does not exist");

    /// <summary>403 for an action the caller's key may not take.</summary>
    public static ProblemHttpResult Forbidden(string detail, string? field = null) =>
        Of(StatusCodes.Status403Forbidden, "Forbidden", detail, field);

    /// <summary>409 for a request that conflicts with the current state.</summary>
    public static ProblemHttpResult Conflict(string detail, string? field = null) =>
        Of(StatusCodes.Status409Conflict, "Conflict", detail, field);

    /// <summary>413 for a body over the limit.</summary>
    public static ProblemHttpResult TooLarge(long limit) =>
        Of(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"the body is larger than the limit of {limit} bytes");

    /// <summary>415 for a body of a type the endpoint does not read.</summary>
    public static ProblemHttpResult UnsupportedType(string? given, string accepted) =>
        Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"content type '{given ?? "(none)"}' is not accepted; send {accepted}");

    /// <summary>422 for a well-formed job no registered site could ever run.</summary>
    public static ProblemHttpResult Unschedulable(string detail) =>
        Of(StatusCodes.Status422UnprocessableEntity, "Job cannot run on this network", detail, "resources");

    private static Dictionary<string, object?> Extensions(string? field, int? line)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (field is not null)
        {
            extensions["field"] = field;
        }

        if (line is > 0)
        {
            extensions["line"] = line;
        }

        return extensions;
    }
}
