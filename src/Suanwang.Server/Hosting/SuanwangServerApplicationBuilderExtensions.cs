using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.Server.Gateway;
using Suanwang.Server.Http;

namespace Suanwang.Server.Hosting;

/// <summary>Adds the Suanwang server's middleware to a host that called <see cref="SuanwangServerServiceCollectionExtensions.AddSuanwangServer"/>.</summary>
public static class SuanwangServerApplicationBuilderExtensions
{
    /// <summary>
    /// Rate limits every request but <c>/healthz</c> per key (see docs/security.md, "Abuse limits").
    /// Call after <c>UseAuthentication</c>, which tells whose key a request carries, and before <c>UseAuthorization</c>.
    /// </summary>
    public static IApplicationBuilder UseSuanwangRateLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limits = app.ApplicationServices.GetRequiredService<RateLimits>();
        return app.Use(next => context => limits.InvokeAsync(context, next));
    }

    /// <summary>
    /// The token gateway: answers <c>/v1</c> (OpenAI-compatible, tenant keys as bearer tokens, with its
    /// own per-key limits) and <c>GET /metrics</c> itself, ahead of the REST API's authentication and
    /// rate limits; passes every other request on. Call after <c>UseExceptionHandler</c>.
    /// </summary>
    public static IApplicationBuilder UseSuanwangGateway(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var gateway = app.ApplicationServices.GetRequiredService<GatewayHandler>();
        return app.Use(next => context => gateway.InvokeAsync(context, next));
    }
}
