using Suanwang.Server.Tenants;
using Suanwang.Storage;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Hosting;

/// <summary>First start: the admin tenant and its key.</summary>
internal static class Bootstrap
{
    /// <summary>The admin tenant's id.</summary>
    public const string AdminTenant = "admin";

    /// <summary>Creates tenant <c>admin</c> and an admin key when the store has none; returns the key, or null when it existed.</summary>
    public static async Task<string?> EnsureAdminAsync(IStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.GetTenantAsync(AdminTenant, cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }

        var at = time.GetUtcNow();
        if (!await store.CreateTenantAsync(new TenantRecord(AdminTenant, "Administrators", 1, at), cancellationToken).ConfigureAwait(false))
        {
            // Another server sharing the store created it first and holds the key.
            return null;
        }

        var issued = await TenantsApi.IssueAsync(store, AdminTenant, admin: true, at, cancellationToken).ConfigureAwait(false);
        return issued.Key;
    }
}
