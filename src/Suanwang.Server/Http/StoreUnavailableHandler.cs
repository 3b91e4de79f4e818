using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Suanwang.Storage.Health;

namespace Suanwang.Server.Http;

/// <summary>
/// Answers a request the database could not serve for its own reasons (read-only, full, locked,
/// unreachable) with 503 problem+json and <c>Retry-After</c>, instead of a bare 500.
/// </summary>
internal sealed partial class StoreUnavailableHandler(IProblemDetailsService problems, ILogger<StoreUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The <c>Retry-After</c> header value.</summary>
    public static string RetryAfter { get; } = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (StoreFailures.Classify(exception) is not { } unavailable)
        {
            return false;
        }

        Unavailable(logger, httpContext.Request.Method, httpContext.Request.Path, unavailable.Message, unavailable.InnerException ?? unavailable);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfter;
        // The exception stays in the log: the answer carries only the reason, never a stack trace.
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Database unavailable",
                Detail = $"{unavailable.Message}; try again in {RetryAfterSeconds} seconds",
            },
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: 503, {Reason}")]
    private static partial void Unavailable(ILogger logger, string method, PathString path, string reason, Exception error);
}
