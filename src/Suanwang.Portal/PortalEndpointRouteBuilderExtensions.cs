using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Suanwang.Portal.Endpoints;
using Suanwang.Portal.Security;

namespace Suanwang.Portal;

/// <summary>Maps the web portal onto the server, beside the REST API.</summary>
public static class PortalEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the portal's pages, <c>/</c> (to the marketplace, a provider's to its sites, or sign-in without a session) and
    /// the small JSON and text endpoints the portal's script polls (session required). None of
    /// them is part of the REST API's OpenAPI document.
    /// </summary>
    public static IEndpointRouteBuilder MapSuanwangPortal(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        endpoints.MapGet("/", (HttpContext context) => Results.LocalRedirect(PortalAuthentication.Home(context.User)))
            .RequireAuthorization(PortalAuthentication.Policy).WithMetadata(new ProviderPageAttribute()).ExcludeFromDescription();
        var portal = endpoints.MapGroup("/portal").RequireAuthorization(PortalAuthentication.Policy).ExcludeFromDescription();
        PortalFeeds.Map(portal);
        SpecCheck.Map(portal);
        return endpoints;
    }
}
