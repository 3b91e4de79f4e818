using Microsoft.AspNetCore.Authorization;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Auth;

/// <summary>
/// The authorization policies, one per set of roles. Every <c>/api/v1</c> route needs at least
/// <see cref="Member"/> (the default policy), so a route added without a thought for roles is
/// closed to agent and provider keys; only the agent protocol takes <see cref="Agent"/> instead, and
/// only a provider's own routes <see cref="Provider"/>.
/// </summary>
internal static class KeyPolicies
{
    /// <summary>Admin keys only.</summary>
    public const string Admin = ApiKeyAuthenticationHandler.AdminPolicy;

    /// <summary>Admin and agent keys: the agent protocol, with each agent key held to its own site by the handlers.</summary>
    public const string Agent = "agent";

    /// <summary>Admin and provider keys: a provider's statement and sites, with each provider key held to its own owner by the handlers.</summary>
    public const string Provider = "provider";

    /// <summary>Admin and tenant keys: everything but the agent protocol and the provider's routes. The default policy.</summary>
    public const string Member = "member";

    /// <summary>Adds the policies and makes <see cref="Member"/> the default.</summary>
    public static void Add(AuthorizationBuilder builder)
    {
        var member = Roles(KeyRole.Admin, KeyRole.Tenant);
        builder
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(Caller.AdminClaim, "true"))
            .AddPolicy(Agent, Roles(KeyRole.Admin, KeyRole.Agent))
            .AddPolicy(Provider, Roles(KeyRole.Admin, KeyRole.Provider))
            .AddPolicy(Member, member)
            .SetDefaultPolicy(member);
    }

    private static AuthorizationPolicy Roles(params KeyRole[] roles) =>
        new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(Caller.RoleClaim, roles.Select(KeyRoles.Name))
            .Build();
}
