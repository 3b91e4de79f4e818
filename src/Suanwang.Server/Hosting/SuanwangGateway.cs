using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Policy;
using Suanwang.ControlPlane.Sites;
using Suanwang.Storage;
using Suanwang.Storage.Policy;

namespace Suanwang.Server.Hosting;

/// <summary>
/// Starts the token gateway alone (what <c>suanwang gateway</c> calls): <c>/v1</c>, <c>/metrics</c>
/// and <c>/healthz</c>, over a store that other gateways and servers share. It bills token usage
/// like a full server; it runs no scheduler and serves no REST API.
/// </summary>
public static class SuanwangGateway
{
    /// <summary>Applies the store's migrations and starts listening on <see cref="ServerOptions.Urls"/>; the store stays the caller's.</summary>
    public static async Task<RunningServer> StartAsync(ServerOptions options, IStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SuanwangGateway).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Urls);
        ServerLogging.Configure(builder.Logging, options.LogLevel);

        var services = builder.Services;
        services.AddSingleton(store);
        services.AddSingleton(options.Time);
        services.AddSingleton(options.Catalog);
        services.AddSingleton(Options.Create(options.Market));
        services.AddSingleton(options.Market);
        services.AddSingleton<SiteDirectory>();
        services.AddSingleton<LeaderStatus>();
        // The data law decides where token requests carrying datasets may go, as on the server.
        services.AddSingleton(RuleSetLoader.Load(options.LawRulesFolder ?? Path.Combine(AppContext.BaseDirectory, "rules", "law")));
        services.AddSingleton<IPolicyStore>(store);
        services.TryAddSingleton<IDecisionRecorder, StoreDecisionRecorder>();
        services.AddSingleton<DataLaw>();
        services.AddSuanwangGatewayCore(options.Gateway, options.DataFolder);
        var app = builder.Build();
        app.UseSuanwangGateway();
        app.MapGet("/healthz", () => store.Health.Problem is { } problem
            ? Results.Json(new { status = "degraded", reason = problem }, statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Json(new { status = "ok" }));

        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            return new RunningServer(app, addresses, adminKey: null);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
