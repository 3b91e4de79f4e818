using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Protocol.Jobs;

namespace Suanwang.Server.Http;

/// <summary>Job specs sent as request bodies (jobs, quotes, orders): YAML or JSON, read under the size limit, parsed with located errors.</summary>
internal static class SpecBodies
{
    /// <summary>What errors in a body name as its file.</summary>
    public const string Source = "request body";

    /// <summary>The media types a spec may be sent as.</summary>
    public static IReadOnlyList<string> Types => SpecMediaTypes.All;

    /// <summary>Declares a job-spec body: the accepted media types, and the schema in the OpenAPI document.</summary>
    public static RouteHandlerBuilder AcceptsSpec(this RouteHandlerBuilder route, bool orQuote = false) =>
        route.Accepts(typeof(string), Types[0], [.. Types.Skip(1)]).WithMetadata(new SpecBodyMetadata(orQuote));

    /// <summary>The body's media type and text; 415 for another type, 413 over the limit.</summary>
    public static async Task<(string? Type, string? Text, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, RequestBodies bodies, CancellationToken cancellationToken)
    {
        var type = RequestBodies.MediaType(request);
        if (type is null || !Types.Contains(type))
        {
            return (null, null, Problems.UnsupportedType(request.ContentType, string.Join(", ", Types)));
        }

        var (text, tooLarge) = await bodies.ReadTextAsync(request, cancellationToken).ConfigureAwait(false);
        return (type, text, tooLarge);
    }
}
