using System.Security.Claims;
using Suanwang.ControlPlane.Admission;

namespace Suanwang.Portal.Security;

/// <summary>Who is signed in: the key's id, its tenant and whether it is an admin key, or for a provider key the provider.</summary>
/// <param name="KeyId">Public id of the key signed in with.</param>
/// <param name="Tenant">Tenant the key acts for; empty for a provider key, which acts for no tenant.</param>
/// <param name="Admin">Whether it may see and act on every tenant.</param>
/// <param name="Owner">The provider (site owner) a provider key reads for; null for tenant and admin keys.</param>
public sealed record PortalUser(string KeyId, string Tenant, bool Admin, string? Owner = null)
{
    /// <summary>Claim holding the key's id.</summary>
    public const string KeyClaim = "suanwang:portal:key";

    /// <summary>Claim holding the SHA-256 of the key's secret, checked against the store on every request.</summary>
    public const string HashClaim = "suanwang:portal:hash";

    /// <summary>Claim holding the tenant.</summary>
    public const string TenantClaim = "suanwang:portal:tenant";

    /// <summary>Claim present (value "true") for admin keys.</summary>
    public const string AdminClaim = "suanwang:portal:admin";

    /// <summary>Claim holding the provider of a provider key.</summary>
    public const string OwnerClaim = "suanwang:portal:owner";

    /// <summary>The user as the control plane's use cases see it.</summary>
    public Actor Actor => new(Tenant, Admin);

    /// <summary>Whether the user may see things of <paramref name="tenant"/>; never for a provider's session.</summary>
    public bool Sees(string tenant) => Admin || (Owner is null && Tenant == tenant);

    /// <summary>The user behind a portal principal; null when it is not one.</summary>
    public static PortalUser? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var key = principal.FindFirstValue(KeyClaim);
        if (key is not null && principal.FindFirstValue(OwnerClaim) is { } owner)
        {
            return new PortalUser(key, "", false, owner);
        }

        var tenant = principal.FindFirstValue(TenantClaim);
        return key is null || tenant is null ? null : new PortalUser(key, tenant, principal.HasClaim(AdminClaim, "true"));
    }
}
