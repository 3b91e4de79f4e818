using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Suanwang.ControlPlane.Admission;

namespace Suanwang.Server.Auth;

/// <summary>Who sent a request: the key's tenant and whether the key is an admin key. Agent and provider keys act for no tenant and are never a caller.</summary>
/// <param name="KeyId">Public id of the key used.</param>
/// <param name="Tenant">Tenant the key acts for.</param>
/// <param name="Admin">Whether it may act on every tenant and on sites and agents.</param>
internal sealed record Caller(string KeyId, string Tenant, bool Admin)
{
    /// <summary>Claim holding the tenant id (admin and tenant keys).</summary>
    public const string TenantClaim = "suanwang:tenant";

    /// <summary>Claim present (value "true") on admin keys.</summary>
    public const string AdminClaim = "suanwang:admin";

    /// <summary>Claim holding the key's role: admin, tenant, agent or provider.</summary>
    public const string RoleClaim = "suanwang:role";

    /// <summary>Claim holding the site an agent key acts for.</summary>
    public const string SiteClaim = "suanwang:site";

    /// <summary>Claim holding the provider (site owner) a provider key reads for.</summary>
    public const string OwnerClaim = "suanwang:owner";

    /// <summary>The caller as the control plane's use cases see it.</summary>
    public Actor Actor => new(Tenant, Admin);

    /// <summary>Whether the caller may see a job or other resource of <paramref name="tenant"/>.</summary>
    public bool Sees(string tenant) => Admin || Tenant == tenant;

    /// <summary>Binds the authenticated caller for a minimal API handler.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult(From(context.User));

    /// <summary>The caller behind an authenticated principal; null when unauthenticated, an agent key or a provider key.</summary>
    public static Caller? From(ClaimsPrincipal user)
    {
        var tenant = user.FindFirstValue(TenantClaim);
        var key = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return tenant is null || key is null ? null : new Caller(key, tenant, user.HasClaim(AdminClaim, "true"));
    }
}
