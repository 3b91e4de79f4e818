using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Suanwang.Portal.Security;

namespace Suanwang.Portal;

/// <summary>Adds the portal's middleware to the server's pipeline.</summary>
public static class PortalApplicationBuilderExtensions
{
    /// <summary>
    /// Sets the portal's security headers on every response outside the REST API and serves the
    /// portal's styles and scripts (embedded in this assembly) under <c>/assets</c>. Call before authentication.
    /// </summary>
    public static IApplicationBuilder UseSuanwangPortal(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(next => context => SecurityHeaders.InvokeAsync(context, next));
        var types = new FileExtensionContentTypeProvider();
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/assets",
            FileProvider = new EmbeddedFileProvider(typeof(PortalApplicationBuilderExtensions).Assembly, "portal"),
            ContentTypeProvider = types,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }
}
