using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Portal;
using Suanwang.Storage;

namespace Suanwang.Server.Hosting;

/// <summary>Starts a Suanwang server in-process (what <c>suanwang up</c> and the tests call).</summary>
public static class SuanwangServer
{
    /// <summary>
    /// Applies the store's migrations, creates the admin tenant and key on first start, and starts
    /// listening on <see cref="ServerOptions.Urls"/>. The store stays the caller's to dispose,
    /// after the server is stopped.
    /// </summary>
    public static async Task<RunningServer> StartAsync(ServerOptions options, IStore store, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SuanwangServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Urls);
        ServerLogging.Configure(builder.Logging, options.LogLevel);

        // Only the portal's session cookies are protected with ASP.NET's data protection keys,
        // kept in the data folder when there is one; its warnings about HOME say nothing to an operator.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        builder.Services.AddSuanwangServer(options, store);
        builder.Services.AddSuanwangPortal(options.DataFolder);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSuanwangGateway();
        app.UseSuanwangPortal();
        app.UseAuthentication();
        app.UseSuanwangRateLimits();
        app.UseAuthorization();
        app.MapSuanwangApi();
        app.MapSuanwangPortal();

        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var adminKey = await app.Services.GetRequiredService<TenantDirectory>().EnsureAdminAsync(cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            return new RunningServer(app, addresses, adminKey);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
