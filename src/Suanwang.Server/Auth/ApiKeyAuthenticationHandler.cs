using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Core.Schemas;
using Suanwang.Storage;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Auth;

/// <summary>Authenticates <c>Authorization: Bearer KEY</c> against the stored key hashes; answers 401 and 403 as problem+json.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IStore store,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The authorization policy that admits admin keys only.</summary>
    public const string AdminPolicy = "admin";

    private const string BearerPrefix = "Bearer ";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length == BearerPrefix.Length)
        {
            return AuthenticateResult.Fail("the Authorization header must be 'Bearer KEY'");
        }

        var secret = header[BearerPrefix.Length..].Trim();
        var key = await store.FindApiKeyAsync(ApiKeys.Hash(secret), Context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            return AuthenticateResult.Fail("unknown API key");
        }

        switch (ApiKeys.StateAt(key, time.GetUtcNow()))
        {
            case "revoked":
                return AuthenticateResult.Fail($"API key {key.Id} was revoked at {Stamp(key.RevokedAt)}; ask an admin for a new one");
            case "expired":
                return AuthenticateResult.Fail($"API key {key.Id} expired at {Stamp(key.ExpiresAt)}; ask an admin for a new one");
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, key.Id),
            new(Caller.RoleClaim, KeyRoles.Name(key.Role)),
        ];
        if (key.Tenant is not null)
        {
            claims.Add(new Claim(Caller.TenantClaim, key.Tenant));
        }

        if (key.Site is not null)
        {
            claims.Add(new Claim(Caller.SiteClaim, key.Site));
        }

        if (key.Owner is not null)
        {
            claims.Add(new Claim(Caller.OwnerClaim, key.Owner));
        }

        if (key.Admin)
        {
            claims.Add(new Claim(Caller.AdminClaim, "true"));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var detail = result.Failure?.Message ?? "send an API key as 'Authorization: Bearer KEY'";
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteAsync(StatusCodes.Status401Unauthorized, "Unauthorized", detail).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var policies = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy) ?? [];
        var detail = Context.User.FindFirstValue(Caller.SiteClaim) is { } site
            ? $"this is the agent key of site {site}: it may only register, heartbeat and report for that site"
            : Context.User.FindFirstValue(Caller.OwnerClaim) is { } owner
                ? $"this is the provider key of {PlainText.Quote(owner)}: it may only read that provider's statement and sites"
            : policies.Contains(KeyPolicies.Agent)
                ? "this needs an admin key or the site's agent key"
                : "this needs an admin key";
        return WriteAsync(StatusCodes.Status403Forbidden, "Forbidden", detail);
    }

    private static string Stamp(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "an unknown time";

    private async Task WriteAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }
}
