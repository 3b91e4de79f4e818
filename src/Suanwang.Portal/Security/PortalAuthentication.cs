using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Storage.Tenants;

namespace Suanwang.Portal.Security;

/// <summary>
/// Sign-in with an API key: the key is checked as the REST API checks a bearer key, and the
/// session is a cookie (HttpOnly, SameSite=Strict, Secure over https) holding the key's id and
/// hash, encrypted with ASP.NET data protection. Every request checks the key again, so a revoked
/// or expired key ends its sessions at once.
/// </summary>
public static class PortalAuthentication
{
    /// <summary>The cookie scheme's name.</summary>
    public const string Scheme = "Portal";

    /// <summary>
    /// The authorization policy every portal page needs: a tenant's or admin's session, or a
    /// provider's on a page marked <see cref="ProviderPageAttribute"/>; a provider elsewhere gets
    /// the Forbidden page.
    /// </summary>
    public const string Policy = "portal";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "suanwang_session";

    /// <summary>Why a sign-in failed: null when <paramref name="key"/> may sign in at <paramref name="now"/>.</summary>
    public static string? Problem(ApiKeyRecord? key, DateTimeOffset now) => key is null
        ? "SignIn.Unknown"
        : ApiKeys.StateAt(key, now) switch
        {
            "revoked" => "SignIn.Revoked",
            "expired" => "SignIn.Expired",
            _ => key.Tenant is null && key.Owner is null ? "SignIn.AgentKey" : null,
        };

    /// <summary>The session's principal for a key that may sign in.</summary>
    public static ClaimsPrincipal Principal(ApiKeyRecord key, string hash)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Owner is { } owner)
        {
            return new ClaimsPrincipal(new ClaimsIdentity(
                [new(PortalUser.KeyClaim, key.Id), new(PortalUser.HashClaim, hash), new(PortalUser.OwnerClaim, owner), new(ClaimTypes.Name, owner)], Scheme));
        }

        List<Claim> claims =
        [
            new(PortalUser.KeyClaim, key.Id),
            new(PortalUser.HashClaim, hash),
            new(PortalUser.TenantClaim, key.Tenant!),
            new(ClaimTypes.Name, key.Tenant!),
        ];
        if (key.Admin)
        {
            claims.Add(new Claim(PortalUser.AdminClaim, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>Adds the cookie scheme and the portal policy.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.IsEssential = true;
            cookie.LoginPath = "/sign-in";
            cookie.LogoutPath = "/sign-out";
            cookie.AccessDeniedPath = "/forbidden";
            cookie.ReturnUrlParameter = "return";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = ValidateAsync;

            // The script's feeds answer 401 rather than a sign-in page it could not show.
            cookie.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/portal", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }

                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireAssertion(MayOpen));
    }

    /// <summary>The portal start page of a session: a provider's own sites, everyone else's marketplace.</summary>
    public static string Home(ClaimsPrincipal user) => user?.HasClaim(c => c.Type == PortalUser.OwnerClaim) == true ? "/provider" : "/market";

    private static bool MayOpen(AuthorizationHandlerContext context)
    {
        if (context.User.HasClaim(c => c.Type == PortalUser.TenantClaim))
        {
            return true;
        }

        var http = context.Resource switch
        {
            HttpContext direct => direct,
            AuthorizationFilterContext filter => filter.HttpContext,
            _ => null,
        };
        return context.User.HasClaim(c => c.Type == PortalUser.OwnerClaim) && http?.GetEndpoint()?.Metadata.GetMetadata<ProviderPageAttribute>() is not null;
    }

    // The same checks as at sign-in, on every request: the session lives no longer than its key.
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var hash = context.Principal?.FindFirstValue(PortalUser.HashClaim);
        var services = context.HttpContext.RequestServices;
        var key = hash is null ? null : await services.GetRequiredService<ITenantStore>().FindApiKeyAsync(hash, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (Problem(key, services.GetRequiredService<TimeProvider>().GetUtcNow()) is not null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme).ConfigureAwait(false);
        }
    }
}
