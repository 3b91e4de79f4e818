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
    public static ProblemHttpResult Of(int status, string title, string detail, string? field = null, int? line = null)
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

        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }

    /// <summary>The problem for a use case's refusal, one status per kind.</summary>
    public static ProblemHttpResult Refused(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Forbidden => Of(StatusCodes.Status403Forbidden, refusal.Title ?? "Forbidden", refusal.Detail, refusal.Field),
        RefusalKind.NotFound => Of(StatusCodes.Status404NotFound, refusal.Title ?? "Not found", refusal.Detail, refusal.Field),
        RefusalKind.OrderRequired => Of(StatusCodes.Status402PaymentRequired, refusal.Title ?? "Order required", refusal.Detail, refusal.Field),
        RefusalKind.Unschedulable => Of(StatusCodes.Status422UnprocessableEntity, refusal.Title ?? "Job cannot run on this network", refusal.Detail, refusal.Field),
        RefusalKind.Conflict => Of(StatusCodes.Status409Conflict, refusal.Title ?? "Conflict", refusal.Detail, refusal.Field),
        _ => Of(StatusCodes.Status400BadRequest, refusal.Title ?? "Invalid request", refusal.Detail, refusal.Field, refusal.Line),
    };

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
    /// <summary>402 for an order the tenant's balance cannot cover; says what is available and what the order needs.</summary>
    public static ProblemHttpResult PaymentRequired(string detail, string available, string required, string currency)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["field"] = "balance",
            ["available"] = available,
            ["required"] = required,
            ["currency"] = currency,
        };
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status402PaymentRequired, title: "Balance too low", extensions: extensions);
    }

    /// <summary>410 for something that existed but may no longer be used, such as an expired quote.</summary>
    public static ProblemHttpResult Gone(string detail, string field) =>
        Of(StatusCodes.Status410Gone, "Gone", detail, field);

    /// <summary>422 for an Idempotency-Key sent again with a different request.</summary>
    public static ProblemHttpResult KeyReused(string key) =>
        Of(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused", $"the Idempotency-Key '{key}' was already used for a different request; use a new key for a new request", "Idempotency-Key");
}
