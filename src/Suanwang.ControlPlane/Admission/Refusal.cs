using Suanwang.Core.Errors;

namespace Suanwang.ControlPlane.Admission;

/// <summary>A refused request: why, in words a user can act on, and where in the input.</summary>
/// <param name="Kind">The kind of refusal.</param>
/// <param name="Detail">What is wrong.</param>
/// <param name="Field">The field at fault, when one is.</param>
/// <param name="Line">The line of the input, when it has lines.</param>
/// <param name="Title">A short title for the refusal, when it differs from the kind's usual one.</param>
/// <param name="Facts">Further named values a client can act on, such as the balance available and required.</param>
public sealed record Refusal(RefusalKind Kind, string Detail, string? Field = null, int? Line = null, string? Title = null, IReadOnlyDictionary<string, string>? Facts = null)
{
    /// <summary>A refusal for input a reader rejected, keeping its field and line.</summary>
    public static Refusal Of(InputError error, string title) => new(RefusalKind.Invalid, error.Message, error.Field, error.Line, title);

    /// <summary>An Idempotency-Key sent again with a different request (422).</summary>
    public static Refusal KeyReused(string key) => new(
        RefusalKind.Unprocessable,
        $"the Idempotency-Key '{key}' was already used for a different request; use a new key for a new request",
        "Idempotency-Key",
        Title: "Idempotency-Key reused");

    /// <summary>A refusal for one bad field.</summary>
    public static Refusal BadField(string field, string detail) => new(RefusalKind.Invalid, detail, field);
}
