using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Audit;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Policy;
using Suanwang.ControlPlane.Sites;
using Suanwang.ControlPlane.Tenants;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Server.Gateway;
using Suanwang.Protocol;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Queue;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;
using Suanwang.Server.Market;
using Suanwang.Server.Sites;
using Suanwang.Storage;
using Suanwang.Storage.Audit;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Logs;
using Suanwang.Storage.Market;
using Suanwang.Storage.Policy;
using Suanwang.Storage.Sites;
using Suanwang.Storage.Tenants;
using Suanwang.Storage.Tokens;

namespace Suanwang.Server.Hosting;

/// <summary>Registers the Suanwang server's services in a host of the caller's choosing.</summary>
public static class SuanwangServerServiceCollectionExtensions
{
    /// <summary>The file in the data folder that holds the log's signing key (SQLite only).</summary>
    public const string AuditKeyFileName = "audit-signing.key";

    /// <summary>
    /// Adds the API's services, API-key authentication, problem details, the OpenAPI document, the
    /// scheduler loop and the failover monitor over <paramref name="store"/> (which the caller
    /// opens, migrates if it wishes, and disposes). Throws <see cref="OptionsValidationException"/>
    /// for an unknown queue policy or objective, or another invalid feature option.
    /// </summary>
    public static IServiceCollection AddSuanwangServer(this IServiceCollection services, ServerOptions options, IStore store)
    {
        Validate(options);
        services.AddSingleton(store);
        // Each feature's store interface too, the same instance: a service takes only what it uses.
        services.AddSingleton<IJobStore>(store);
        services.AddSingleton<ILogStore>(store);
        services.AddSingleton<ISiteStore>(store);
        services.AddSingleton<ITenantStore>(store);
        services.AddSingleton<IOrderStore>(store);
        services.AddSingleton<ILedgerStore>(store);
        services.AddSingleton<IQuoteStore>(store);
        services.AddSingleton<IUsageStore>(store);
        services.AddSingleton<IBlockStore>(store);
        services.AddSingleton<IAuditStore>(store);
        services.AddSingleton<ITokenStore>(store);
        services.AddSingleton(options.Time);
        services.AddSingleton(options.Catalog);
        AddFeatureOptions(services, options.Dispatch, new DispatchOptionsValidator());
        AddFeatureOptions(services, options.AgentLink, new AgentLinkOptionsValidator());
        AddFeatureOptions(services, options.Market, new MarketOptionsValidator());
        services.AddSingleton(new RequestBodies(options.MaxRequestBodyBytes));
        services.AddSingleton<SiteDirectory>();
        services.AddSingleton(new SchedulerSignal(options.Time));
        services.AddSingleton<LeaderStatus>();
        services.AddSingleton<ClusterSnapshot>();
        services.AddSingleton<SchedulerLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerLoop>());
        services.AddSingleton<FailoverMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<FailoverMonitor>());
        services.AddSingleton<LiveSchedulerGate>();
        services.AddSingleton<QuoteDesk>();
        services.AddSingleton(RuleSetLoader.Load(options.LawRulesFolder ?? Path.Combine(AppContext.BaseDirectory, "rules", "law")));
        services.AddSingleton<IPolicyStore>(store);
        services.TryAddSingleton<IDecisionRecorder, StoreDecisionRecorder>();
        services.AddSingleton<DataLaw>();
        services.AddSingleton<JobAdmission>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<TenantLimitsDirectory>();
        services.AddSingleton<TenantCaps>();
        services.AddSingleton(options.RateLimits);
        services.AddSingleton<RateLimits>();
        services.AddSingleton<OrderDesk>();
        services.AddSingleton<WalletDesk>();
        services.AddSingleton<Settler>();
        services.AddHostedService(sp => sp.GetRequiredService<Settler>());
        // A server with a data folder of its own (SQLite) keeps the signing key in a file there;
        // servers sharing a PostgreSQL store share the key kept in the store.
        services.AddSingleton(options.Audit.KeyFile is null && options.DataFolder is { } data && string.IsNullOrWhiteSpace(options.ConnectionString)
            ? options.Audit with { KeyFile = Path.Combine(data, AuditKeyFileName) }
            : options.Audit);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<AuditLog>());
        services.AddSingleton<AuditCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditCheckpointer>());
        services.AddSuanwangGatewayCore(options.Gateway, options.DataFolder);

        services.AddProblemDetails();
        services.AddExceptionHandler<StoreUnavailableHandler>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        KeyPolicies.Add(services.AddAuthorizationBuilder());
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
        services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer<BearerSecurityTransformer>();
            openApi.AddDocumentTransformer<SpecBodyTransformer>();
            openApi.AddOperationTransformer<SpecBodyTransformer>();
        });
        return services;
    }

    /// <summary>The token gateway's services (catalog, wallets, limits, metrics, the usage journal and its writer, billing, the upstream client and the /v1 handler).</summary>
    internal static IServiceCollection AddSuanwangGatewayCore(this IServiceCollection services, GatewayOptions gateway, string? dataFolder)
    {
        services.AddSingleton(gateway);
        // Opened with the host's services: a folder another process holds stops start-up here.
        var journalFolder = gateway.UsageJournalFolder
            ?? (dataFolder is not null ? Path.Combine(dataFolder, "usage-journal") : Directory.CreateTempSubdirectory("suanwang-usage-journal-").FullName);
        services.AddSingleton(_ => UsageJournal.Open(journalFolder));
        services.AddSingleton<UsageJournalWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageJournalWriter>());
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<TokenWallets>();
        services.AddSingleton<KeyLimiter>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<SiteModelDesk>();
        services.AddSingleton<TokenBiller>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenBiller>());
        services.AddSingleton<TokenLaw>();
        services.AddSingleton<GatewayKeys>();
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<PromptTokenizers>();
        services.AddSingleton<GatewayHandler>();
        return services;
    }

    private static void Validate(ServerOptions options)
    {
        if (options.MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentException("the body limit must be at least 1024 bytes", nameof(options));
        }

        if (options.Audit.Problem() is { } audit)
        {
            throw new ArgumentException(audit, nameof(options));
        }

        var rates = options.RateLimits;
        if (Math.Min(Math.Min(rates.AdminRequestsPerSecond, rates.AdminBurst), Math.Min(Math.Min(rates.AgentRequestsPerSecond, rates.AgentBurst), Math.Min(rates.AnonymousRequestsPerSecond, rates.AnonymousBurst))) < 1)
        {
            throw new ArgumentException("every rate limit and burst must be at least 1", nameof(options));
        }
    }

    // Each feature reads its own options through IOptions<T>; a value that fails its validator
    // stops start-up here, before anything listens.
    private static void AddFeatureOptions<T>(IServiceCollection services, T value, IValidateOptions<T> validator)
        where T : class
    {
        var result = validator.Validate(Options.DefaultName, value);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures);
        }

        services.AddSingleton(validator);
        services.AddSingleton(Options.Create(value));
        services.AddSingleton(value);
    }
}
