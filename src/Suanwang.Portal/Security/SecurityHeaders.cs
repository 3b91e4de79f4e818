using Microsoft.AspNetCore.Http;

namespace Suanwang.Portal.Security;

/// <summary>
/// The headers every portal response carries: a Content-Security-Policy that allows scripts and
/// styles from the server only (no inline script or style), no framing, no MIME sniffing and no
/// referrer beyond the origin. The REST API's responses are left as they were.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The portal's Content-Security-Policy.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Whether <paramref name="path"/> belongs to the REST API or its plumbing rather than the portal.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.Ordinal)
        || path.StartsWithSegments("/openapi", StringComparison.Ordinal)
        || path.StartsWithSegments("/healthz", StringComparison.Ordinal);

    /// <summary>Sets the headers on a portal response before it starts.</summary>
    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!IsApi(context.Request.Path))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        }

        return next(context);
    }
}
