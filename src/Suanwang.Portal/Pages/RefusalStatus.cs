using Microsoft.AspNetCore.Http;
using Suanwang.ControlPlane.Admission;

namespace Suanwang.Portal.Pages;

/// <summary>The HTTP status a page answers a refused request with: the same as the REST API's for the same refusal.</summary>
public static class RefusalStatus
{
    /// <summary>The status for <paramref name="kind"/>.</summary>
    public static int Of(RefusalKind kind) => kind switch
    {
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.OrderRequired or RefusalKind.PaymentRequired => StatusCodes.Status402PaymentRequired,
        RefusalKind.Unschedulable or RefusalKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.Gone => StatusCodes.Status410Gone,
        RefusalKind.LimitReached => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };
}
