using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
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
}
