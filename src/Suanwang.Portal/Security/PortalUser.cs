using System.Security.Claims;
using Suanwang.ControlPlane.Admission;

namespace Suanwang.Portal.Security;

/// <summary>Who is signed in: the key's id, its tenant and whether it is an admin key.</summary>
/// <param name="KeyId">Public id of the key signed in with.</param>
/// <param name="Tenant">Tenant the key acts for.</param>
/// <param name="Admin">Whether it may see and act on every tenant.</param>
public sealed record PortalUser(string KeyId, string Tenant, bool Admin)
{
    /// <summary>Claim holding the key's id.</summary>
    public const string KeyClaim = "suanwang:portal:key";

    /// <summary>Claim holding the SHA-256 of the key's secret, checked against the store on every request.</summary>
    public const string HashClaim = "suanwang:portal:hash";

    /// <summary>Claim holding the tenant.</summary>
    public const string TenantClaim = "suanwang:portal:tenant";

    /// <summary>Claim present (value "true") for admin keys.</summary>
    public const string AdminClaim = "suanwang:portal:admin";

    /// <summary>The user as the control plane's use cases see it.</summary>
    public Actor Actor => new(Tenant, Admin);

    /// <summary>Whether the user may see things of <paramref name="tenant"/>.</summary>
    public bool Sees(string tenant) => Admin || Tenant == tenant;

    /// <summary>The user behind a portal principal; null when it is not one.</summary>
    public static PortalUser? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var key = principal.FindFirstValue(KeyClaim);
        var tenant = principal.FindFirstValue(TenantClaim);
        return key is null || tenant is null ? null : new PortalUser(key, tenant, principal.HasClaim(AdminClaim, "true"));
    }
}
