using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.Portal;

namespace Suanwang.Portal.Bench;

/// <summary>
/// Every route the portal maps, read from the running server's endpoints: each Razor page with
/// each of its handlers, and the small endpoints under <c>/portal</c>. Written "GET /statements",
/// "GET /statements?handler=Csv", "POST /order?handler=Quote", "GET /portal/jobs/{id:long}/log".
/// </summary>
internal static class PortalRoutes
{
    /// <summary>The portal's routes as "METHOD /pattern[?handler=Name]", sorted.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(IServiceProvider services)
    {
        var portal = typeof(PortalEndpointRouteBuilderExtensions).Assembly;
        var loader = services.GetRequiredService<PageLoader>();
        var routes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata).ConfigureAwait(false);
                if (compiled.ModelTypeInfo?.Assembly != portal)
                {
                    continue;
                }

                // A page answers GET with or without an OnGet handler.
                routes.Add("GET " + pattern);
                foreach (var handler in compiled.HandlerMethods)
                {
                    routes.Add($"{handler.HttpMethod.ToUpperInvariant()} {pattern}{(handler.Name is { } name ? "?handler=" + name : "")}");
                }
            }
            else if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method && Outermost(method.DeclaringType)?.Assembly == portal)
            {
                foreach (var verb in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    routes.Add($"{verb} {pattern}");
                }
            }
        }

        return routes.ToList();
    }

    private static Type? Outermost(Type? type)
    {
        while (type?.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }
}
