using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.Protocol;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Queue;
using Suanwang.Server.Auth;
using Suanwang.Server.Failover;
using Suanwang.Server.Http;
using Suanwang.Server.Market;
using Suanwang.Server.Scheduling;
using Suanwang.Server.Sites;
using Suanwang.Storage;

namespace Suanwang.Server.Hosting;

/// <summary>Registers the Suanwang server's services in a host of the caller's choosing.</summary>
public static class SuanwangServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the API's services, API-key authentication, problem details, the OpenAPI document, the
    /// scheduler loop and the failover monitor over <paramref name="store"/> (which the caller
    /// opens, migrates if it wishes, and disposes). Throws <see cref="ArgumentException"/> for an
    /// unknown queue policy or objective.
    /// </summary>
    public static IServiceCollection AddSuanwangServer(this IServiceCollection services, ServerOptions options, IStore store)
    {
        Validate(options);
        services.AddSingleton(options);
        services.AddSingleton(store);
        services.AddSingleton(options.Time);
        services.AddSingleton(new RequestBodies(options.MaxRequestBodyBytes));
        services.AddSingleton<SiteDirectory>();
        services.AddSingleton(new SchedulerSignal(options.Time));
        services.AddSingleton<LeaderStatus>();
        services.AddSingleton<ClusterSnapshot>();
        services.AddSingleton<SchedulerLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerLoop>());
        services.AddSingleton<FailoverMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<FailoverMonitor>());
        services.AddSingleton<QuoteDesk>();
        services.AddSingleton<Settler>();
        services.AddHostedService(sp => sp.GetRequiredService<Settler>());

        services.AddProblemDetails();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(Caller.AdminClaim, "true"));
        services.ConfigureHttpJsonOptions(json =>
        {
            var shared = ProtocolJson.Options;
            json.SerializerOptions.PropertyNamingPolicy = shared.PropertyNamingPolicy;
            json.SerializerOptions.DefaultIgnoreCondition = shared.DefaultIgnoreCondition;
            foreach (var converter in shared.Converters)
            {
                json.SerializerOptions.Converters.Add(converter);
            }
        });
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<BearerSecurityTransformer>());
        return services;
    }

    private static void Validate(ServerOptions options)
    {
        if (ObjectiveWeights.ForName(options.Objective) is null)
        {
            throw new ArgumentException($"objective '{options.Objective}' is not one of time, cost, carbon, balanced", nameof(options));
        }

        if (!QueuePolicies.Names.Contains(options.QueuePolicy.ToLowerInvariant()))
        {
            throw new ArgumentException($"queue policy '{options.QueuePolicy}' is not one of {string.Join(", ", QueuePolicies.Names)}", nameof(options));
        }

        if (options.CommissionRate is < 0 or > 1)
        {
            throw new ArgumentException($"the commission rate {options.CommissionRate} is not between 0 and 1", nameof(options));
        }

        if (options.QuoteLifetime <= TimeSpan.Zero || options.SettleInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("the quote lifetime and settle interval must be positive", nameof(options));
        }

        if (options.AgentTimeout <= TimeSpan.Zero || options.SchedulerInterval <= TimeSpan.Zero || options.MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentException("the agent timeout and scheduler interval must be positive and the body limit at least 1024 bytes", nameof(options));
        }
    }
}
