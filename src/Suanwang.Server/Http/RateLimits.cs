using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Server.Auth;
using Suanwang.Server.Hosting;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Http;

/// <summary>
/// Per-key token buckets in front of every route but <c>/healthz</c>: a tenant's key at its
/// tenant's rate and burst, an admin key at the admin rate, each key on the agent protocol in a
/// bucket of its own, and requests without a valid key per remote address. A request over its
/// bucket gets 429 as problem+json naming the limit, with <c>Retry-After</c> in seconds. Buckets
/// that have been full (idle) for 10 seconds are dropped, so memory follows the keys in use.
/// </summary>
internal sealed class RateLimits : IDisposable
{
    private const string AgentPrefix = "/api/v1/agents";

    private readonly RateLimitOptions _options;
    private readonly TenantLimitsDirectory _tenants;
    private readonly PartitionedRateLimiter<Bucket> _limiter;

    /// <summary>Creates the buckets for <paramref name="options"/>.</summary>
    public RateLimits(RateLimitOptions options, TenantLimitsDirectory tenants)
    {
        _options = options;
        _tenants = tenants;
        // The bucket's rate is part of its key: when an admin changes a tenant's rate, its keys
        // move to new buckets and the old ones expire.
        _limiter = PartitionedRateLimiter.Create<Bucket, Bucket>(static bucket => RateLimitPartition.GetTokenBucketLimiter(bucket, static b => new TokenBucketRateLimiterOptions
        {
            TokenLimit = b.Burst,
            TokensPerPeriod = b.RequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Runs <paramref name="next"/> when the request's bucket has a token, else answers 429.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!_options.Enabled || context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var bucket = await BucketOfAsync(context).ConfigureAwait(false);
        using var lease = _limiter.AttemptAcquire(bucket);
        if (lease.IsAcquired)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
        await RejectAsync(context, bucket, retry).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();

    private async ValueTask<Bucket> BucketOfAsync(HttpContext context)
    {
        // An agent key (no tenant, so no Caller) and an admin key speaking the agent protocol both
        // get an agent bucket of their own: heartbeats never wait on anyone's scripts.
        var keyId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (keyId is not null
            && (context.User.HasClaim(Caller.RoleClaim, KeyRoles.Name(KeyRole.Agent))
                || context.Request.Path.StartsWithSegments(AgentPrefix, StringComparison.Ordinal)))
        {
            return new Bucket("agent key", keyId, _options.AgentRequestsPerSecond, _options.AgentBurst);
        }

        if (keyId is not null && context.User.HasClaim(Caller.RoleClaim, KeyRoles.Name(KeyRole.Provider)))
        {
            return new Bucket("provider key", keyId, _options.ProviderRequestsPerSecond, _options.ProviderBurst);
        }

        if (Caller.From(context.User) is not { } caller)
        {
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return new Bucket("address", address, _options.AnonymousRequestsPerSecond, _options.AnonymousBurst);
        }

        if (caller.Admin)
        {
            return new Bucket("admin key", caller.KeyId, _options.AdminRequestsPerSecond, _options.AdminBurst);
        }

        var limits = await _tenants.GetAsync(caller.Tenant, context.RequestAborted).ConfigureAwait(false);
        return new Bucket("key", caller.KeyId, limits.RequestsPerSecond, limits.Burst);
    }

    private static async Task RejectAsync(HttpContext context, Bucket bucket, int retryAfter)
    {
        var seconds = retryAfter.ToString(CultureInfo.InvariantCulture);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = $"{bucket.Kind} '{bucket.Id}' may send {bucket.RequestsPerSecond} requests per second with bursts of {bucket.Burst}; retry after {seconds} s",
        };
        problem.Extensions["limit"] = "requests_per_second";
        problem.Extensions["requests_per_second"] = bucket.RequestsPerSecond;
        problem.Extensions["burst"] = bucket.Burst;
        problem.Extensions["retry_after"] = retryAfter;
        var problems = context.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        if (problems is null || !await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false))
        {
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>One token bucket: whose it is and its size.</summary>
    private readonly record struct Bucket(string Kind, string Id, int RequestsPerSecond, int Burst);
}
